// Desktop-only settings (not org settings: they belong to this machine's app, not to a tenant), kept in
// DATA_DIR/desktop.json. Start-at-login is not stored here: the OS keeps it (app.getLoginItemSettings).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const prefsSchema = z.object({
  /** Closing the window leaves the gateway serving from the tray. */
  keepServingOnClose: z.boolean().default(true),
  /** The "still serving in the tray" notification was shown once already. */
  closeHintShown: z.boolean().default(false),
});

export type DesktopPrefs = z.infer<typeof prefsSchema>;

export const PREFS_FILE = 'desktop.json';

/** Missing or unreadable files give the defaults: a broken preference must never stop the app. */
export function loadPrefs(dataDir: string): DesktopPrefs {
  let raw: unknown = {};
  try {
    raw = JSON.parse(readFileSync(join(dataDir, PREFS_FILE), 'utf8'));
  } catch {
    // first start, or a hand-edited file that no longer parses
  }
  const parsed = prefsSchema.safeParse(raw);
  return parsed.success ? parsed.data : prefsSchema.parse({});
}

/** Written whole to a temporary file, then renamed: a crash never leaves half a file. */
export function savePrefs(dataDir: string, prefs: DesktopPrefs): void {
  const file = join(dataDir, PREFS_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(prefsSchema.parse(prefs), null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
