// `npm test`: the whole suite (unit, API, both database engines, HTTP, browser e2e when present), then one
// plain closing line "N passed, N failed, N skipped" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name: string) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);
const report = join(mkdtempSync(join(tmpdir(), 'tollgate-report-')), 'vitest.json');
const extra = process.argv.slice(2);

const run = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra], {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${join(import.meta.dirname, '..', 'node_modules', '.bin')}:${process.env.PATH ?? ''}` },
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + r.numTodoTests;
}
const status = run.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // a crash or an unhandled error counts as a failure
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);
