// `npm test`: the whole suite — vitest (unit, API, both database engines, HTTP, gateway) and the Playwright e2e
// specs in Debian's chromium — then one plain closing line "tests: N passed, N failed, N skipped" that CI reads.
// `npm test -- --no-e2e` runs vitest only; any other arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './ensure-built.ts';

const root = join(import.meta.dirname, '..');
const bin = join(root, 'node_modules', '.bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
const reports = mkdtempSync(join(tmpdir(), 'tollgate-report-'));
const args = process.argv.slice(2);
const e2e = !args.includes('--no-e2e');
const vitestArgs = args.filter((a) => a !== '--no-e2e');

// The e2e specs serve the built control panel and test/shell/bundled-workers.test.ts loads the built worker files:
// a full run builds first when out/ is missing or older than the sources (a no-op otherwise), so vitest sees the same
// bundle the e2e specs will. `--no-e2e` runs skip the build (the bundle test then skips itself if out/ is stale).
// A failed build fails the run, but the suite still runs: its own failures say more than a missing bundle would.
let passed = 0;
let failed = 0;
let skipped = 0;
let status = 0;
try {
  if (e2e) ensureBuilt();
} catch (err) {
  console.error(`[tollgate] ${(err as Error).message}`);
  failed += 1;
  status = 1;
}

const unit = join(reports, 'vitest.json');
const v = spawnSync(join(bin, 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${unit}`, ...vitestArgs], { stdio: 'inherit', env });
if (existsSync(unit)) {
  const r = JSON.parse(readFileSync(unit, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}
if (v.status !== 0) {
  status = v.status ?? 1;
  if (failed === 0) failed += 1; // a crash or an unhandled error counts as a failure
}

if (e2e) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium) && process.env.CI !== 'true') {
    console.log(`\n[tollgate] no chromium at ${chromium}: skipping the browser e2e specs (apt-get install chromium to run them)`);
  } else {
    const out = join(reports, 'e2e.json');
    const p = spawnSync(process.execPath, [join(root, 'scripts', 'e2e.ts'), '--reporter=list,json'], {
      stdio: 'inherit', env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    });
    if (existsSync(out)) {
      const s = (JSON.parse(readFileSync(out, 'utf8')) as { stats: { expected: number; unexpected: number; skipped: number; flaky: number } }).stats;
      passed += s.expected + s.flaky;
      failed += s.unexpected;
      skipped += s.skipped;
    }
    if (p.status !== 0) {
      status ||= p.status ?? 1;
      if (!existsSync(out)) failed += 1;
    }
  }
}

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);
