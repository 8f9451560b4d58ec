// `node bench/commit.ts`: what one group commit costs the ledger writer on SQLite, by group size. Gateway charges
// (entry, usage event, rollups) go straight into the writer's store on this thread, so the thread's CPU counter
// shows the store's own work, without the port or the main thread. Also lists the pages a commit writes to the WAL:
// each costs a frame (a checksum and two write syscalls) whatever its rows, so the B-trees a charge touches, not the
// bytes it adds, set the price of a small commit. Not a test: prints figures. npm run bench -- commit
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/main/core/db/open.ts';
import { orderedId } from '../src/main/core/ledger/ids.ts';
import { BucketCache } from '../src/main/core/ledger/periods.ts';
import type { LedgerStore } from '../src/main/core/ledger/store.ts';
import { openSqliteStore } from '../src/main/core/ledger/store-sqlite.ts';
import type { LedgerOp } from '../src/main/core/ledger/types.ts';
import { randomIds } from '../src/main/core/lib/ids.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SIZES = [1, 16, 64, 256];
const buckets = new BucketCache('UTC');

/** A charge as the gateway settles it: entry, its rollup buckets and the request's usage event. */
function charge(): LedgerOp {
  const now = Date.now();
  const requestId = orderedId(randomIds, 'req', now);
  const agentId = `agt_bench${now % 4}`;
  const chain = { orgId: 'org_bench', workspaceId: 'ws_bench', agentGroupId: 'grp_bench', agentId };
  return {
    entry: { ...chain, id: orderedId(randomIds, 'led', now), kind: 'charge', amountMicro: -1234, idempotencyKey: `charge:${requestId}`,
      requestId, actorUserId: null, description: 'gpt-4o-mini chat.completions', createdAtMs: now },
    buckets: buckets.buckets(now),
    usage: { ...chain, id: orderedId(randomIds, 'use', now), requestId, apiKeyId: 'key_bench', endpoint: 'chat.completions',
      model: 'gpt-4o-mini', provider: 'openai', status: 200, errorCode: null, inputTokens: 24, outputTokens: 31, costMicro: 1234,
      estimated: false, credentialSource: 'managed', latencyMs: 3, ttftMs: null, createdAtMs: now },
  };
}

const group = (n: number): LedgerOp[] => Array.from({ length: n }, charge);

async function withStore<T>(sync: 'FULL' | 'NORMAL', fn: (store: LedgerStore, path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-commit-'));
  const path = join(dir, 'bench.db');
  const database = await openDatabase({ url: path, migrationsRoot: join(ROOT, 'drizzle'), sqliteSynchronous: sync });
  await database.db.insert(database.t.organizations).values({ id: 'org_bench', name: 'bench', createdAt: new Date() });
  await database.close();
  const store = openSqliteStore(path, sync);
  try {
    return await fn(store, path);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Thread CPU (user + system) and wall time per commit of `n` charges, after a warm-up. */
async function cost(store: LedgerStore, n: number): Promise<{ cpu: number; wall: number }> {
  for (let i = 0; i < 50; i += 1) await store.write(group(n));
  const commits = Math.min(1000, Math.max(100, Math.ceil(8000 / n)));
  const groups = Array.from({ length: commits }, () => group(n)); // built first: only the store's work is timed
  const c0 = process.threadCpuUsage();
  const t0 = performance.now();
  for (const g of groups) await store.write(g);
  const wall = ((performance.now() - t0) * 1000) / commits;
  const c1 = process.threadCpuUsage();
  return { cpu: (c1.user - c0.user + c1.system - c0.system) / commits, wall };
}

/**
 * WAL frames per commit of `n` charges, by the table or index whose page each holds: an average over `commits`
 * commits, few enough that no checkpoint (every 1,000 frames) restarts the WAL under us.
 */
async function pagesOf(store: LedgerStore, path: string, n: number, commits: number): Promise<Map<string, number>> {
  for (let i = 0; i < 200; i += 1) await store.write(group(n)); // past the first pages of every table
  const db = new Database(path);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)'); // the next commit's frames start the WAL
    for (let i = 0; i < commits; i += 1) await store.write(group(n));
    const wal = readFileSync(`${path}-wal`);
    const pageSize = wal.readUInt32BE(8);
    const owner = new Map((db.prepare('SELECT name, pageno FROM dbstat').all() as { name: string; pageno: number }[])
      .map((r) => [r.pageno, r.name]));
    const out = new Map<string, number>();
    for (let at = 32; at + 24 <= wal.length; at += 24 + pageSize) {
      const name = owner.get(wal.readUInt32BE(at)) ?? 'other';
      out.set(name, (out.get(name) ?? 0) + 1 / commits);
    }
    return out;
  } finally {
    db.close();
  }
}

console.log('group commit on SQLite, gateway charges (entry + usage event + rollups), store on this thread');
console.log('charges/commit |   NORMAL: CPU/commit  CPU/charge  wall/commit |     FULL: CPU/commit  CPU/charge  wall/commit');
for (const n of SIZES) {
  const normal = await withStore('NORMAL', (s) => cost(s, n));
  const full = await withStore('FULL', (s) => cost(s, n));
  const f = (r: { cpu: number; wall: number }) =>
    `${r.cpu.toFixed(0).padStart(10)} µs ${(r.cpu / n).toFixed(1).padStart(8)} µs ${r.wall.toFixed(0).padStart(9)} µs`;
  console.log(`${String(n).padStart(14)} | ${f(normal)} | ${f(full)}`);
}
for (const [n, commits] of [[1, 40], [16, 25]] as const) {
  const pages = await withStore('NORMAL', (s, p) => pagesOf(s, p, n, commits));
  const total = [...pages.values()].reduce((a, b) => a + b, 0);
  console.log(`\none commit of ${n} charge${n > 1 ? 's' : ''} writes ${total.toFixed(1)} WAL frames (mean of ${commits}):`);
  console.log([...pages].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
}
