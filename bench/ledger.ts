// Ledger entries committed per second through the writer thread, beside a same-run baseline (a plain loop of
// inserts on the main thread), with the event loop's worst stall during each run. Not a test: prints figures.
//   npm run bench (all benches) · npm run bench -- ledger · node bench/ledger.ts [--entries 100000] [--runs 3] [--window 2000] [--pg URL]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/main/core/db/open.ts';
import type { Database } from '../src/main/core/db/types.ts';
import { orderedId } from '../src/main/core/ledger/ids.ts';
import { BucketCache } from '../src/main/core/ledger/periods.ts';
import type { LedgerOp } from '../src/main/core/ledger/types.ts';
import { LedgerWriter } from '../src/main/core/ledger/writer.ts';
import { randomIds } from '../src/main/core/lib/ids.ts';
import { silentLogger } from '../src/main/core/lib/logger.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WORKER = join(ROOT, 'src/main/core/ledger/writer.worker.ts');
const { values: args } = parseArgs({ options: {
  entries: { type: 'string', default: '100000' },
  runs: { type: 'string', default: '3' },
  baseline: { type: 'string', default: '3000' },
  // Callers waiting on a commit at once. Fewer give smaller groups (less throughput) and fewer ops alive at each
  // scavenge (shorter pauses): the trade-off README's ledger figures discuss.
  window: { type: 'string', default: '2000' },
  pg: { type: 'string', default: process.env.TOLLGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
} });
const ENTRIES = Number(args.entries);
const BASELINE = Number(args.baseline);
const RUNS = Number(args.runs);
const AGENTS = 20;
/** Ops outstanding at once: as many as callers waiting on commits. */
const WINDOW = Number(args.window);
const buckets = new BucketCache('UTC');
let seq = 0;

/** A charge like the gateway's: one entry, rolled up for org, workspace, group and agent in three periods. */
function charge(orgId: string): LedgerOp {
  const n = ++seq;
  const now = Date.now();
  const requestId = orderedId(randomIds, 'req', now);
  return { entry: { id: orderedId(randomIds, 'led', now), orgId, kind: 'charge', amountMicro: -1234, idempotencyKey: `charge:${requestId}`,
    workspaceId: 'ws_b', agentGroupId: 'grp_b', agentId: `agt_b${n % AGENTS}`, requestId, actorUserId: null,
    description: 'bench', createdAtMs: now }, buckets: buckets.buckets(now) };
}

interface Run {
  perSec: number;
  /** Worst event-loop delay, and the 99th percentile, in ms. */
  stallMs: number;
  p99Ms: number;
  /** Longest garbage-collection pause on this thread during the run, in ms: what the worst stall is made of. */
  gcMs: number;
}

async function measure(fn: () => Promise<number>): Promise<Run> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs = Math.max(gcMs, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  h.enable();
  await new Promise((r) => setTimeout(r, 5)); // the histogram counts from its first tick
  const t0 = performance.now();
  const n = await fn();
  const secs = (performance.now() - t0) / 1000;
  // Let the histogram's timer run once more: a loop that never yielded shows its whole length as one stall.
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  gc.disconnect();
  return { perSec: n / secs, stallMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, gcMs };
}

/** The naive way: await one INSERT (its own transaction) after another on the main thread. */
function baseline(database: Database, orgId: string): Promise<Run> {
  return measure(async () => {
    for (let i = 0; i < BASELINE; i += 1) {
      const op = charge(orgId);
      const { createdAtMs, ...e } = op.entry!;
      await database.db.insert(database.t.ledgerEntries).values({ ...e, createdAt: new Date(createdAtMs) });
    }
    return BASELINE;
  });
}

/**
 * Many callers at once, as under load: 2,000 ops outstanding, each commit letting the next one in. Each op is
 * built when it is submitted, as the gateway builds its charges: a pre-built array of 100,000 ops would sit in
 * the young generation and turn every scavenge into a 30 ms copy, a stall of this file's making.
 */
async function throughWriter(w: LedgerWriter, orgId: string): Promise<Run> {
  return measure(async () => {
    let submitted = 0;
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      // A closed loop, as callers under load behave: each commit lets one more op in, so nothing spins.
      const next = (): void => {
        if (submitted >= ENTRIES) return;
        submitted += 1;
        w.submit(charge(orgId)).then(() => {
          done += 1;
          if (done === ENTRIES) resolve();
          else next();
        }, reject);
      };
      for (let i = 0; i < WINDOW; i += 1) next();
    });
    return ENTRIES;
  });
}

interface Target {
  label: string;
  url: string;
  sync?: 'FULL' | 'NORMAL';
  drop: () => Promise<void>;
}

async function pgTarget(adminUrl: string): Promise<Target | null> {
  const name = `tollgate_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (err) {
    console.log(`PostgreSQL unreachable at ${adminUrl.replace(/:[^:@/]+@/, ':***@')} (${(err as Error).message}); skipped`);
    return null;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { label: 'postgresql', url: u.toString(), drop: async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  } };
}

function sqliteTarget(sync: 'FULL' | 'NORMAL'): Target {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  return { label: `sqlite synchronous=${sync}`, url: join(dir, 'bench.db'), sync, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The event loop doing nothing for as long as a writer run takes: the worst stall this machine shows with no work
 * at all (timer wake-ups arrive late on a busy or virtualized host), the floor the writer's figure stands on.
 */
function idle(ms: number): Promise<Run> {
  return measure(async () => {
    await new Promise((r) => setTimeout(r, ms));
    return 0;
  });
}

async function run(target: Target): Promise<{ label: string; writer: Run; base: Run; idle: Run }> {
  const database = await openDatabase({ url: target.url, migrationsRoot: join(ROOT, 'drizzle'), sqliteSynchronous: target.sync ?? 'FULL' });
  const orgId = 'org_bench';
  await database.db.insert(database.t.organizations).values({ id: orgId, name: 'bench', createdAt: new Date() });
  const w = await LedgerWriter.start({ workerPath: WORKER, databaseUrl: target.url, sqliteSynchronous: target.sync ?? 'FULL',
    logger: silentLogger() });
  try {
    await throughWriter(w, orgId); // warm-up: JIT, statement caches, file growth
    // Best of several runs: on a shared machine, other processes only ever make a run slower.
    let writer = await throughWriter(w, orgId);
    for (let i = 1; i < RUNS; i += 1) {
      const again = await throughWriter(w, orgId);
      if (again.perSec > writer.perSec) writer = again;
    }
    const report = await w.verify(orgId);
    if (!report.ok) throw new Error(`rollups drifted during the bench: ${JSON.stringify(report.drift.slice(0, 3))}`);
    const base = await baseline(database, orgId); // entries without rollups: after the verify
    return { label: target.label, writer, base, idle: await idle(Math.round((ENTRIES / writer.perSec) * 1000)) };
  } finally {
    await w.close();
    await database.close();
    await target.drop();
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const targets: Target[] = [sqliteTarget('FULL'), sqliteTarget('NORMAL')];
const pgT = await pgTarget(args.pg);
if (pgT) targets.push(pgT);
console.log(`ledger writer: ${fmt(ENTRIES)} charges (entry + 12 rollup rows each, ${AGENTS} agents) per run, best of ${RUNS}; `
  + `baseline ${fmt(BASELINE)} single-row inserts`);
const rows = [];
for (const t of targets) rows.push(await run(t));
for (const r of rows) {
  const w = r.writer;
  console.log(`${r.label.padEnd(24)} writer ${fmt(w.perSec).padStart(9)}/s (stall p99 ${w.p99Ms.toFixed(1)} ms, worst ${w.stallMs.toFixed(1)} ms; longest GC pause ${w.gcMs.toFixed(1)} ms)`
    + `   main-thread loop ${fmt(r.base.perSec).padStart(7)}/s (worst stall ${r.base.stallMs.toFixed(1)} ms)`
    + `   ratio ×${(r.writer.perSec / r.base.perSec).toFixed(1)}   idle loop's worst stall ${r.idle.stallMs.toFixed(1)} ms`);
}
const full = rows.find((r) => r.label.endsWith('FULL'));
const normal = rows.find((r) => r.label.endsWith('NORMAL'));
if (full && normal) {
  console.log(`synchronous NORMAL/FULL: writer ×${(normal.writer.perSec / full.writer.perSec).toFixed(2)}, `
    + `one-insert-per-transaction loop ×${(normal.base.perSec / full.base.perSec).toFixed(2)}`);
}
