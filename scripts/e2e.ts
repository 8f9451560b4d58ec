// `npm run e2e`: builds the app if out/ is stale, then runs the Playwright specs in e2e/ in Debian's chromium
// against headless serve (one server and data folder per test). Extra arguments go to `playwright test`,
// e.g. `npm run e2e -- isolation` or `npm run e2e -- --headed`. Screenshots land in e2e/artifacts/.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureBuilt, ROOT } from './ensure-built.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  process.stderr.write(`e2e: no chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)\n`);
  process.exit(1);
}
try {
  ensureBuilt();
} catch (err) {
  process.stderr.write(`e2e: ${(err as Error).message}\n`);
  process.exit(1);
}
const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
const r = spawnSync(process.execPath, [cli, 'test', '-c', join(ROOT, 'e2e', 'playwright.config.ts'), ...process.argv.slice(2)], {
  cwd: ROOT, stdio: 'inherit',
  // Never let Playwright look for or fetch its own browsers.
  env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
process.exit(r.status ?? 1);
