// Builds the app when out/ is missing or older than its sources; a no-op otherwise. Used by `npm start` and
// `npm run serve` so a fresh checkout (or an edited one) never serves a stale or missing control panel.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** What `electron-vite build` produces; all three must exist. */
export const OUTPUTS = ['out/main/index.js', 'out/main/ledger-writer.worker.js', 'out/main/analytics-reader.worker.js',
  'out/preload/index.cjs', 'out/renderer/index.html'];
/** What it reads. */
export const INPUTS = ['src/main', 'src/preload', 'src/renderer', 'electron.vite.config.ts', 'package.json'];

function mtime(path: string): number | null {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function newestUnder(path: string): number {
  const own = mtime(path) ?? 0;
  let entries;
  try {
    entries = readdirSync(path, { withFileTypes: true, recursive: true });
  } catch {
    return own; // a file, or missing
  }
  // Folders count too: deleting a source file changes only its folder's mtime.
  let newest = own;
  for (const e of entries) newest = Math.max(newest, mtime(join(e.parentPath, e.name)) ?? 0);
  return newest;
}

/** Why a build is needed, or null when out/ is up to date. */
export function staleReason(root: string = ROOT): string | null {
  const built = OUTPUTS.map((o) => mtime(join(root, o)));
  if (built.some((t) => t === null)) return 'out/ is missing';
  const oldestOutput = Math.min(...(built as number[]));
  const newestInput = Math.max(...INPUTS.map((i) => newestUnder(join(root, i))));
  return newestInput > oldestOutput ? 'sources changed since the last build' : null;
}

/** Runs `electron-vite build` on this Node (the pinned one), which needs no Electron binary. Throws on failure. */
export function ensureBuilt(root: string = ROOT): void {
  const reason = staleReason(root);
  if (!reason) return;
  process.stderr.write(`tollgate: building the app (${reason})…\n`);
  const bin = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`build failed (electron-vite exited with ${r.status ?? r.signal}); run npm run build to see why`);
}

if (import.meta.main) {
  try {
    ensureBuilt();
  } catch (err) {
    process.stderr.write(`tollgate: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
