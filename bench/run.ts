// `npm run bench`: runs every bench/*.ts (except this file) one after another, each in its own Node process so
// one bench's heap and threads never skew the next one's figures. Extra arguments are passed to each bench.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./', import.meta.url));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.d.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n== bench/${file}`);
  const r = spawnSync(process.execPath, [`${dir}${file}`, ...process.argv.slice(2).filter((a) => a.startsWith('-'))], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    console.log(`bench/${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exitCode = failed ? 1 : 0;
