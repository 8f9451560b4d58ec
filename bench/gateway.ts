// `node bench/gateway.ts`: Tollgate (real key, a policy and budgets on every level) against a bare undici passthrough
// proxy, both in front of the same instant mock upstream. Prints requests/s, p50, p99 and Tollgate's ratio to the
// passthrough, then checks every successful Tollgate request was charged exactly once. Targets: at concurrency 64
// throughput ≥ 0.8× the passthrough's; at concurrency 1, p50 at most 0.5 ms above it. Runs on --sqlite-sync FULL, the
// default (BENCH_SYNC=NORMAL for the other), and c=1 once more on a second instance with NORMAL, beside FULL.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Pool } from 'undici';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const children: ChildProcess[] = [];

function start(file: string, args: string[], env: Record<string, string> = {}, flags: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...flags, join(ROOT, file), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      if (process.env.BENCH_STDOUT_DIR) appendFileSync(join(process.env.BENCH_STDOUT_DIR, `${file.replace(/\W+/g, '_')}.log`), d);
      out += d.toString();
      const m = /listening (?:on http:\/\/127\.0\.0\.1:)?(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (c) => reject(new Error(`${file} exited ${c}: ${out}`)));
  });
}

async function trpc(url: string, path: string, input: unknown, token?: string): Promise<any> {
  const res = await fetch(`${url}/trpc/${path}`, { method: 'POST', body: JSON.stringify(input),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
  if (body.error) throw new Error(`${path}: ${body.error.message}`);
  return body.result!.data;
}

/** Org → workspace → group → agent with a key, credits, a policy and a budget at every level. */
async function setup(url: string): Promise<string> {
  const { token } = await trpc(url, 'auth.register', { email: 'bench@example.com', name: 'Bench', password: 'benchmark-pass' });
  const [org] = await (await fetch(`${url}/trpc/orgs.listMine`, { headers: { authorization: `Bearer ${token}` } })).json()
    .then((b: any) => b.result.data);
  const ws = await trpc(url, 'workspaces.create', { orgId: org.id, name: 'W' }, token);
  const grp = await trpc(url, 'agentGroups.create', { workspaceId: ws.id, name: 'G' }, token);
  const agent = await trpc(url, 'agents.create', { agentGroupId: grp.id, name: 'A' }, token);
  const key = await trpc(url, 'apiKeys.create', { agentId: agent.id, name: 'bench' }, token);
  await trpc(url, 'credits.purchase', { orgId: org.id, amountCredits: 1_000_000, idempotencyKey: 'bench' }, token);
  const levels = [['org', org.id], ['workspace', ws.id], ['group', grp.id], ['agent', agent.id]] as const;
  for (const [scope, id] of levels) {
    await trpc(url, 'policies.set', { orgId: org.id, target: { scope, id }, allowedModels: ['gpt-4o-mini'], maxTokensPerRequest: 1000,
      rpm: 10_000_000, tpm: 1_000_000_000 }, token);
    await trpc(url, 'budgets.create', { orgId: org.id, target: { scope, id }, period: 'MONTHLY', limitCredits: 500_000 }, token);
  }
  return key.plaintext as string;
}

const body = (stream: boolean) => JSON.stringify({ model: 'gpt-4o-mini', max_tokens: 100, stream,
  messages: [{ role: 'user', content: 'How much does this request cost?' }] });

async function load(url: string, key: string, connections: number, stream: boolean, seconds: number) {
  const r = await autocannon({ url: `${url}/v1/chat/completions`, connections, duration: seconds, method: 'POST', body: body(stream),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r['2xx'], bad: r.non2xx + r.errors };
}

/** Sequential requests timed with hrtime: per-request overhead without queueing, sub-millisecond. */
async function serial(url: string, key: string, seconds: number) {
  const pool = new Pool(url, { connections: 1 });
  const lat: number[] = [];
  let ok = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    const r = await pool.request({ path: '/v1/chat/completions', method: 'POST', body: body(false),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` } });
    await r.body.text();
    lat.push(performance.now() - t0);
    if (r.statusCode === 200) ok += 1;
  }
  await pool.close();
  lat.sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  return { rps: lat.length / seconds, p50: q(0.5), p99: q(0.99), ok, bad: lat.length - ok };
}

const f = (n: number, d = 1) => n.toFixed(d).padStart(9);

/** A /proc stat line's name and its user + system CPU ticks (fields 14 and 15; the name may hold spaces). */
function statTicks(path: string): { name: string; ticks: number } {
  const [head = '', rest = ''] = readFileSync(path, 'utf8').split(') ');
  const f = rest.split(' ');
  return { name: head.split('(')[1] ?? '', ticks: Number(f[11]) + Number(f[12]) };
}

/** CPU ticks (user + system) per thread of a child, by name:tid: which thread a run keeps busy (BENCH_THREADS=1). */
function threadTicks(child: ChildProcess): Map<string, number> {
  return new Map(readdirSync(`/proc/${child.pid}/task`).map((tid) => {
    const { name, ticks } = statTicks(`/proc/${child.pid}/task/${tid}/stat`);
    return [`${name}:${tid}`, ticks];
  }));
}

/** CPU seconds (user + system, all threads) a child has used so far, from /proc; 0 where /proc is missing. */
function cpuOf(child: ChildProcess): number {
  try {
    return statTicks(`/proc/${child.pid}/stat`).ticks / 100;
  } catch {
    return 0;
  }
}

interface Instance {
  label: 'FULL' | 'NORMAL';
  child: ChildProcess;
  dataDir: string;
  url: string;
  key: string;
  /** 2xx answers its clients saw, warm-ups included: every one must be charged exactly once. */
  ok: number;
}

/** A Tollgate server in its own data folder, with its bench org and key, committing with `sync`. */
async function startTollgate(upstream: string, sync: 'FULL' | 'NORMAL'): Promise<Instance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  const tg = await start('src/main/serve.ts', ['--port', '0', '--data-dir', dataDir, '--log-level', 'warn'],
    { TOLLGATE_OPENAI_BASE_URL: `${upstream}/v1`, TOLLGATE_OPENAI_API_KEY: 'sk-bench', TOLLGATE_SQLITE_SYNC: sync },
    (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean));
  const url = `http://127.0.0.1:${tg.port}`;
  return { label: sync, child: tg.child, dataDir, url, key: await setup(url), ok: 0 };
}

/** SIGTERM drains and flushes the ledger; then the charges are counted straight from the database file. */
async function chargedExactlyOnce(tg: Instance): Promise<boolean> {
  tg.child.kill('SIGTERM');
  await new Promise((r) => tg.child.once('exit', r));
  const db = new Database(join(tg.dataDir, 'tollgate.db'), { readonly: true });
  const row = db.prepare(`SELECT count(*) AS n, count(DISTINCT request_id) AS d FROM ledger_entries WHERE kind = 'charge'`).get() as { n: number; d: number };
  const usage = db.prepare(`SELECT count(*) AS n FROM usage_events WHERE status = 200`).get() as { n: number };
  db.close();
  // autocannon stops counting at its deadline while up to `connections` requests are still in flight; those were
  // answered and charged too, so the client-side count is a lower bound.
  const exact = row.d === row.n && usage.n === row.n && row.n >= tg.ok && row.n <= tg.ok + 64 * 4;
  console.log(`charged exactly once (${tg.label}): ${tg.ok} successes seen by clients, ${row.n} charges (${row.d} distinct request ids), `
    + `${usage.n} successful usage events → ${exact ? 'PASS' : 'FAIL'}`);
  return exact;
}

async function main(): Promise<void> {
  const up = await start('bench/gateway/upstream.ts', []);
  const upstream = `http://127.0.0.1:${up.port}`;
  const pass = await start('bench/gateway/passthrough.ts', [upstream]);
  const passUrl = `http://127.0.0.1:${pass.port}`;
  const sync = process.env.BENCH_SYNC === 'NORMAL' ? 'NORMAL' : 'FULL';
  // Every scenario on the default (or BENCH_SYNC) setting; c=1 also with NORMAL unless BENCH_SYNC chose one, so a
  // run shows what FULL's fsync per commit costs a lone request.
  type Scenario = [name: string, connections: number, stream: boolean, sync: 'FULL' | 'NORMAL'];
  const scenarios: Scenario[] = [['c=64 json', 64, false, sync], ['c=64 stream', 64, true, sync], ['c=1 json', 1, false, sync]];
  if (!process.env.BENCH_SYNC) scenarios.push(['c=1 json NORMAL', 1, false, 'NORMAL']);
  const selected = scenarios.filter(([n]) => !process.env.BENCH_ONLY || n === process.env.BENCH_ONLY);
  const instances = new Map<string, Instance>();
  for (const s of new Set(selected.map(([, , , i]) => i))) instances.set(s, await startTollgate(upstream, s));

  console.log(`gateway benchmark: ${SECONDS}s per run, instant mock upstream, model gpt-4o-mini via the openai provider, `
    + `Tollgate with --sqlite-sync ${sync}${instances.has('NORMAL') && sync !== 'NORMAL' ? ' (the NORMAL row: a second instance with NORMAL)' : ''}`);
  console.log('scenario                 |  pass rps  p50 ms  p99 ms | tollgate rps  p50 ms  p99 ms | ratio  Δp50 ms | target');
  let passed = true;
  const cpuLines: string[] = [];
  for (const [name, c, stream, which] of selected) {
    const tg = instances.get(which)!;
    const run = c === 1 ? (u: string) => serial(u, tg.key, SECONDS) : (u: string) => load(u, tg.key, c, stream, SECONDS);
    // warm both up (JIT, sockets), then measure
    await (c === 1 ? serial(passUrl, tg.key, 1) : load(passUrl, tg.key, c, stream, 1));
    tg.ok += (await (c === 1 ? serial(tg.url, tg.key, 1) : load(tg.url, tg.key, c, stream, 1))).ok;
    // CPU microseconds per answered request, for the server under test and for the shared mock upstream: on a small
    // machine the load generator, the upstream and the server compete for the same cores.
    const measure = async (u: string, server: ChildProcess) => {
      const c0 = cpuOf(server), u0 = cpuOf(up.child);
      const r = await run(u);
      const n = Math.max(1, r.ok + r.bad);
      return { ...r, cpu: ((cpuOf(server) - c0) / n) * 1e6, upCpu: ((cpuOf(up.child) - u0) / n) * 1e6 };
    };
    const th0 = process.env.BENCH_THREADS ? threadTicks(tg.child) : new Map<string, number>();
    const p = await measure(passUrl, pass.child);
    const t = await measure(tg.url, tg.child);
    if (process.env.BENCH_THREADS) {
      for (const [k, v] of threadTicks(tg.child)) if (v > (th0.get(k) ?? 0)) console.log(`  tollgate thread ${k}: ${v - (th0.get(k) ?? 0)} CPU ticks`);
    }
    tg.ok += t.ok;
    const ratio = t.rps / p.rps;
    const dp50 = t.p50 - p.p50;
    const ok = c === 1 ? dp50 <= 0.5 : ratio >= 0.8;
    passed &&= ok;
    console.log(`${name.padEnd(24)} |${f(p.rps, 0)}${f(p.p50, 2)}${f(p.p99, 2)} |${f(t.rps, 0)}   ${f(t.p50, 2)}${f(t.p99, 2)} | ${ratio.toFixed(2)} ${f(dp50, 2)} | ${c === 1 ? 'Δp50 ≤ 0.5' : 'ratio ≥ 0.8'} ${ok ? 'PASS' : 'FAIL'}${t.bad ? `  (${t.bad} non-2xx)` : ''}`);
    cpuLines.push(`${name.padEnd(24)} | passthrough ${f(p.cpu, 0)} µs | tollgate ${f(t.cpu, 0)} µs | upstream ${f(p.upCpu, 0)} µs`);
  }

  console.log('CPU per request (user + system, all threads of the process):');
  for (const l of cpuLines) console.log(l);

  let exact = true;
  for (const tg of instances.values()) exact = (await chargedExactlyOnce(tg)) && exact;
  for (const c of children) c.kill('SIGTERM');
  process.exitCode = exact && passed ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  for (const c of children) c.kill('SIGKILL');
  process.exit(1);
});
