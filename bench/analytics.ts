// Analytics benchmark: seeds 1,000,000 usage events (~90 days, 50 agents, 5 workspaces, 10 models) into a temp
// SQLite file, keeping the rollups the way the ledger writer does (applyUsageRollups per batch, same transaction),
// then times every dashboard query (median of several runs) against the 150 ms target.
//   node bench/analytics.ts [--events 1000000] [--runs 7] [--compare-raw] [--rebuild] [--keep]
// --compare-raw also times plain SQL over usage_events (the "indexes only" alternative); --rebuild times
// rebuildUsageRollups over the whole org (what a time zone change costs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type BetterSqlite3 from 'better-sqlite3';
import { startAnalyticsReader } from '../src/main/core/analytics/reader.ts';
import type { UsageRollupEvent } from '../src/main/core/analytics/rollup-deltas.ts';
import { rebuildUsageRollups } from '../src/main/core/analytics/rollup-rebuild.ts';
import { applyUsageRollups } from '../src/main/core/analytics/rollup-write.ts';
import type { Analytics } from '../src/main/core/analytics/service.ts';
import { createAnalytics } from '../src/main/core/analytics/service.ts';
import { clientOf, runnerFor } from '../src/main/core/analytics/sql.ts';
import { silentLogger } from '../src/main/core/lib/logger.ts';
import { mulberry32 } from '../src/main/core/lib/prng.ts';
import { openDatabase } from '../src/main/core/db/open.ts';

const { values: args } = parseArgs({ options: {
  events: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '7' },
  'compare-raw': { type: 'boolean', default: false }, rebuild: { type: 'boolean', default: false }, keep: { type: 'boolean', default: false },
} });
const EVENTS = Number(args.events);
const RUNS = Number(args.runs);
const TARGET_MS = 150;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 10, 12, 34, 56, 789); // not on an hour: every range has ragged edges
const SPAN = 90 * DAY;
const ORG = 'org_bench';
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o3-mini', 'claude-sonnet-4', 'claude-haiku-4', 'claude-opus-4',
  'gemini-2.5-pro', 'llama-3.3-70b', 'mock-gpt'];

// mulberry32: a fixed seed makes runs comparable.
const rnd = mulberry32(42);

const dir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
const root = fileURLToPath(new URL('../', import.meta.url));
const database = await openDatabase({ url: join(dir, 'bench.db'), migrationsRoot: join(root, 'drizzle'), sqliteSynchronous: 'NORMAL' });
const db = clientOf(database) as BetterSqlite3.Database;

function seedHierarchy(orgId: string, agents: number): { ws: string; grp: string; id: string }[] {
  const at = NOW - SPAN;
  db.prepare(`INSERT INTO organizations (id, name, timezone, status, created_at) VALUES (?, ?, 'UTC', 'active', ?)`).run(orgId, orgId, at);
  const insWs = db.prepare(`INSERT INTO workspaces (id, org_id, name, status, created_at) VALUES (?, ?, ?, 'active', ?)`);
  const insGrp = db.prepare(`INSERT INTO agent_groups (id, org_id, workspace_id, name, status, created_at) VALUES (?, ?, ?, ?, 'active', ?)`);
  const insAgent = db.prepare(`INSERT INTO agents (id, org_id, workspace_id, agent_group_id, name, status, created_at)
    VALUES (?, ?, ?, ?, ?, 'active', ?)`);
  const out: { ws: string; grp: string; id: string }[] = [];
  for (let i = 0; i < agents; i += 1) {
    const ws = `${orgId}_ws${i % 5}`; // 5 workspaces, 2 groups each
    const grp = `${orgId}_grp${i % 10}`;
    const id = `${orgId}_agent${i}`;
    if (i < 5) insWs.run(ws, orgId, `Workspace ${i}`, at);
    if (i < 10) insGrp.run(grp, orgId, ws, `Group ${i}`, at);
    insAgent.run(id, orgId, ws, grp, `agent-${i}`, at);
    out.push({ ws, grp, id });
  }
  return out;
}

/** Events in time order, committed in writer-sized batches with their rollups, all in one transaction. */
function seedEvents(orgId: string, n: number, batch: number): { insertMs: number; rollupMs: number } {
  const agents = seedHierarchy(orgId, 50);
  const ins = db.prepare(`INSERT INTO usage_events (id, org_id, request_id, workspace_id, agent_group_id, agent_id, api_key_id,
    endpoint, model, provider, status, error_code, input_tokens, output_tokens, cost_micro, estimated, credential_source,
    latency_ms, ttft_ms, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  let insertMs = 0;
  let rollupMs = 0;
  db.transaction(() => {
    let pending: UsageRollupEvent[] = [];
    for (let i = 0; i < n; i += 1) {
      const a = agents[Math.floor(rnd() ** 1.5 * agents.length)]!; // some agents far busier than others
      const status = rnd() < 0.03 ? [400, 429, 500, 502][Math.floor(rnd() * 4)]! : 200;
      const e: UsageRollupEvent = {
        orgId, workspaceId: a.ws, agentGroupId: a.grp, agentId: a.id, model: MODELS[Math.floor(rnd() * MODELS.length)]!, status,
        inputTokens: Math.floor(rnd() * 8000), outputTokens: Math.floor(rnd() * 2000),
        costMicro: status === 200 ? Math.floor(rnd() * 40_000) : 0,
        latencyMs: Math.floor(150 + Math.exp(rnd() * 10)), ttftMs: rnd() < 0.7 ? Math.floor(80 + Math.exp(rnd() * 7)) : null,
        createdAtMs: NOW - SPAN + Math.floor(((i + rnd()) / n) * SPAN),
      };
      const t0 = performance.now();
      ins.run(`use_${orgId}_${i}`, orgId, `req_${orgId}_${i}`, e.workspaceId, e.agentGroupId, e.agentId, 'key_bench', '/v1/chat/completions',
        e.model, 'openai', e.status, status === 200 ? null : 'upstream_error', e.inputTokens, e.outputTokens, e.costMicro, 0, 'managed',
        e.latencyMs, e.ttftMs, e.createdAtMs);
      insertMs += performance.now() - t0;
      pending.push(e);
      if (pending.length === batch || i === n - 1) {
        const t1 = performance.now();
        applyUsageRollups(db, pending);
        rollupMs += performance.now() - t1;
        pending = [];
      }
    }
  })();
  return { insertMs, rollupMs };
}

console.log(`seeding ${EVENTS.toLocaleString('en-US')} usage events (+20,000 in a second org) into ${dir} …`);
const seeded = seedEvents(ORG, EVENTS, 500);
seedEvents('org_other', 20_000, 500);
db.prepare(`INSERT INTO org_balances (org_id, balance_micro, entries) VALUES (?, ?, 1)`).run(ORG, 25_000_000_000);
const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
console.log(`seeded in ${((seeded.insertMs + seeded.rollupMs) / 1000).toFixed(1)} s: inserts ${(seeded.insertMs / 1000).toFixed(1)} s, `
  + `rollup upkeep ${(seeded.rollupMs / 1000).toFixed(1)} s (${((seeded.rollupMs * 1000) / EVENTS).toFixed(1)} µs/event in batches of 500); `
  + ['usage_org_rollups', 'usage_rollups', 'usage_model_rollups'].map((t) => `${t} ${count(t).toLocaleString('en-US')} rows`).join(', '));

// What the real writer pays per request: one-event batches, each in its own transaction.
const single = db.transaction((e: UsageRollupEvent) => applyUsageRollups(db, [e]));
const t0 = performance.now();
for (let i = 0; i < 2000; i += 1) {
  single({ orgId: ORG, workspaceId: `${ORG}_ws0`, agentGroupId: `${ORG}_grp0`, agentId: `${ORG}_agent${i % 50}`, model: MODELS[i % 10]!,
    status: 200, inputTokens: 10, outputTokens: 10, costMicro: 0, latencyMs: 200 + i, ttftMs: 90, createdAtMs: NOW - 2 * DAY });
}
console.log(`rollup upkeep for one-event batches: ${(((performance.now() - t0) * 1000) / 2000).toFixed(1)} µs/event (transaction included)\n`);

const ago = (ms: number) => ({ from: new Date(NOW - ms), to: new Date(NOW) });
type Case = [string, (a: Analytics) => Promise<unknown>];
const cases: Case[] = [];
const orgId = ORG;
for (const [label, ms] of [['24h', DAY], ['7d', 7 * DAY], ['30d', 30 * DAY], ['90d', 90 * DAY]] as const) {
  cases.push([`summary ${label}`, (a) => a.summary(orgId, { orgId, ...ago(ms) })]);
}
cases.push(['summary 90d, one workspace', (a) => a.summary(orgId, { orgId, ...ago(SPAN), workspaceId: `${ORG}_ws2` })]);
cases.push(['summary 90d, one agent', (a) => a.summary(orgId, { orgId, ...ago(SPAN), agentId: `${ORG}_agent3` })]);
for (const groupBy of ['none', 'agent', 'model', 'workspace'] as const) {
  for (const [bucket, label, ms] of [['hour', '24h', DAY], ['hour', '7d', 7 * DAY], ['hour', '30d', 30 * DAY], ['day', '30d', 30 * DAY],
    ['day', '90d', SPAN]] as const) {
    cases.push([`timeseries ${bucket} ${label} by ${groupBy}`, (a) => a.timeseries(orgId, { orgId, ...ago(ms), bucket, groupBy, limit: 8 })]);
  }
}
cases.push(['timeseries day 90d by model, one workspace', (a) => a.timeseries(orgId, { orgId, ...ago(SPAN), bucket: 'day', groupBy: 'model',
  limit: 8, workspaceId: `${ORG}_ws1` })]);
for (const by of ['agent', 'model', 'workspace'] as const) {
  for (const [label, ms] of [['7d', 7 * DAY], ['90d', SPAN]] as const) {
    cases.push([`top ${by} ${label}`, (a) => a.top(orgId, { orgId, ...ago(ms), by, limit: 10 })]);
  }
}
cases.push(['burn', (a) => a.burn(orgId)]);
cases.push(['recent, first page', (a) => a.recent(orgId, { orgId, limit: 50, status: 'all' })]);
cases.push(['recent, errors only', (a) => a.recent(orgId, { orgId, limit: 50, status: 'error' })]);
cases.push(['recent, one agent', (a) => a.recent(orgId, { orgId, limit: 50, status: 'all', agentId: `${ORG}_agent40` })]);

async function time(fn: () => Promise<unknown>, runs: number): Promise<{ median: number; max: number }> {
  await fn(); // warm: statement cache, page cache
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((x, y) => x - y);
  return { median: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
}

const runner = runnerFor(database);
const inProcess = createAnalytics({ runner, now: () => NOW });
const raw = createAnalytics({ runner, now: () => NOW, source: 'raw' });
// The production path on SQLite: the reader thread with its own connection (structured clone both ways).
const thread = startAnalyticsReader({ databaseUrl: join(dir, 'bench.db'), clock: { now: () => new Date(NOW) }, logger: silentLogger(),
  workerPath: new URL('../src/main/core/analytics/reader.worker.ts', import.meta.url) });
const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number) => n.toFixed(1).padStart(8);
console.log(`${pad('query (SQLite, 1M events), ms', 50)}  thread     max in-proc  target  result${args['compare-raw'] ? '  raw only' : ''}`);
let failed = 0;
for (const [name, fn] of cases) {
  const r = await time(() => fn(thread), RUNS);
  const local = await time(() => fn(inProcess), RUNS);
  const ok = r.median <= TARGET_MS;
  if (!ok) failed += 1;
  let line = `${pad(name, 50)}${num(r.median)}${num(r.max)}${num(local.median)}  ${String(TARGET_MS).padStart(6)}  `
    + `${ok ? 'PASS' : 'FAIL'}`;
  if (args['compare-raw']) line += `  ${num((await time(() => fn(raw), 1)).median)}`;
  console.log(line);
}
await thread.close();

/** The best an indexes-only design could do: plain SQL over usage_events, before and after a covering index. */
async function indexesOnly(): Promise<void> {
  const since = NOW - SPAN;
  const sql: [string, string, unknown[]][] = [
    ['totals 90d', `SELECT COUNT(*), SUM(status >= 400), SUM(cost_micro), SUM(input_tokens), SUM(output_tokens) FROM usage_events
      WHERE org_id = ? AND created_at >= ? AND created_at < ?`, [ORG, since, NOW]],
    ['spend by model 90d', `SELECT model, SUM(cost_micro), COUNT(*) FROM usage_events WHERE org_id = ? AND created_at >= ?
      AND created_at < ? GROUP BY model`, [ORG, since, NOW]],
    ['spend by day and model 90d', `SELECT created_at / 86400000, model, SUM(cost_micro) FROM usage_events WHERE org_id = ?
      AND created_at >= ? AND created_at < ? GROUP BY 1, 2`, [ORG, since, NOW]],
    ['latency p95 90d (ORDER BY … OFFSET)', `SELECT latency_ms FROM usage_events WHERE org_id = ? AND created_at >= ?
      AND created_at < ? ORDER BY latency_ms LIMIT 1 OFFSET ?`, [ORG, since, NOW, Math.floor(EVENTS * 0.95)]],
  ];
  const run = async (label: string) => {
    for (const [name, text, params] of sql) {
      const stmt = db.prepare(text);
      const r = await time(async () => stmt.all(...params), 2);
      console.log(`${pad(`usage_events only, ${label}: ${name}`, 78)}${num(r.median)}`);
    }
  };
  console.log('');
  await run('existing indexes');
  const t1 = performance.now();
  db.exec(`CREATE INDEX bench_usage_covering ON usage_events (org_id, created_at, model, agent_id, workspace_id, status, cost_micro,
    input_tokens, output_tokens, latency_ms)`);
  console.log(`(covering index built in ${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  await run('covering index');
}
if (args['compare-raw']) await indexesOnly();
if (args.rebuild) {
  const t2 = performance.now();
  const n = await rebuildUsageRollups(database, ORG);
  console.log(`\nrebuildUsageRollups: ${n.toLocaleString('en-US')} events in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
}
console.log(`\nanalytics: ${cases.length - failed}/${cases.length} dashboard queries within ${TARGET_MS} ms `
  + `(median of ${RUNS} runs through the reader thread; in-proc = same query on the calling thread)`);

await database.close();
if (args.keep) console.log(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
if (failed) process.exitCode = 1;
