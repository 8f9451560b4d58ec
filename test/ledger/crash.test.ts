// End to end: headless serve as a child process, purchases through the public tRPC HTTP API, SIGKILL mid-load,
// restart. Every purchase whose caller saw success is in the ledger exactly once; retries with the same keys are
// exactly-once too; balance = SUM(entries); verify finds no drift. SIGTERM drains and flushes before exit.
import { afterAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../helpers/engines.ts';
import { engines } from '../helpers/engines.ts';
import type { ServeProcess } from '../helpers/serve-process.ts';
import { startServe, stopServe, trpc } from '../helpers/serve-process.ts';

const AMOUNT = 0.5;

interface Session {
  url: string;
  token: string;
  orgId: string;
}

async function signUp(url: string): Promise<Session> {
  const reg = await trpc(url, 'auth.register', { email: 'crash@example.com', name: 'Crash', password: 'correct horse battery' });
  expect(reg.status).toBe(200);
  const token = reg.data.token as string;
  const orgs = await trpc(url, 'orgs.listMine', undefined, { token, method: 'GET' });
  return { url, token, orgId: orgs.data[0].id as string };
}

type Outcome = { kind: 'ok'; entryId: string } | { kind: 'http'; status: number } | { kind: 'network' };

/** Purchases with `workers` requests in flight; stops issuing new ones once `stop()` says so. */
async function hammer(s: Session, keys: string[], workers: number, onOk: (ok: number) => void, stop: () => boolean) {
  const out = new Map<string, Outcome>();
  let next = 0;
  let ok = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < keys.length && !stop()) {
      const key = keys[next++]!;
      try {
        const r = await trpc(s.url, 'credits.purchase', { orgId: s.orgId, amountCredits: AMOUNT, idempotencyKey: key }, { token: s.token });
        if (r.status === 200) {
          out.set(key, { kind: 'ok', entryId: r.data.entry.id });
          ok += 1;
          onOk(ok);
        } else {
          out.set(key, { kind: 'http', status: r.status });
        }
      } catch {
        out.set(key, { kind: 'network' });
      }
    }
  }));
  return out;
}

/** All purchase entries through ledger.list, following the cursor. */
async function purchases(s: Session) {
  const rows: { id: string; idempotencyKey: string; amountMicro: number }[] = [];
  let cursor: string | null = null;
  do {
    const page = await trpc(s.url, 'ledger.list', { orgId: s.orgId, kind: 'purchase', limit: 500, ...(cursor ? { cursor } : {}) },
      { token: s.token, method: 'GET' });
    expect(page.status).toBe(200);
    rows.push(...page.data.items);
    cursor = page.data.nextCursor;
  } while (cursor);
  return rows;
}

async function checkBooks(s: Session, expectEntries?: number) {
  const rows = await purchases(s);
  const byKey = new Map<string, number>();
  for (const r of rows) byKey.set(r.idempotencyKey, (byKey.get(r.idempotencyKey) ?? 0) + 1);
  expect([...byKey.values()].every((n) => n === 1)).toBe(true);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  if (expectEntries !== undefined) expect(rows.length).toBe(expectEntries);
  const balance = await trpc(s.url, 'credits.balance', { orgId: s.orgId }, { token: s.token, method: 'GET' });
  expect(balance.data.balanceMicro).toBe(rows.reduce((sum, r) => sum + r.amountMicro, 0));
  expect(balance.data.entries).toBe(rows.length);
  const verify = await trpc(s.url, 'ledger.verify', { orgId: s.orgId }, { token: s.token, method: 'GET' });
  expect(verify.data).toMatchObject({ ok: true, driftCount: 0, entries: rows.length });
  return new Map(rows.map((r) => [r.idempotencyKey.split(':').slice(2).join(':'), r.id]));
}

describe.each(engines())('crash safety of serve on $name', (engine) => {
  const dbs: TestDatabase[] = [];
  const procs: ServeProcess[] = [];
  afterAll(async () => {
    for (const p of procs) await stopServe(p, 'SIGKILL');
    for (const d of dbs) await d.drop();
  });

  async function serve(db: TestDatabase): Promise<ServeProcess> {
    const args = ['--data-dir', db.dataDir, '--log-level', 'warn', ...(engine.name === 'pg' ? ['--database-url', db.url] : [])];
    const p = await startServe(args);
    procs.push(p);
    return p;
  }

  it.skipIf(!engine.available)('keeps every acknowledged purchase exactly once across SIGKILL, and retries stay exactly-once', async () => {
    const db = await engine.fresh();
    dbs.push(db);
    let p = await serve(db);
    const s = await signUp(p.url);
    const keys = Array.from({ length: 3000 }, (_, i) => `order-${i}`);
    let killed = false;
    const first = await hammer(s, keys, 48, (ok) => {
      if (ok >= 400 && !killed) {
        killed = true;
        p.child.kill('SIGKILL');
      }
    }, () => killed);
    expect(await p.exited).toBe('SIGKILL');
    const acked = [...first].filter(([, o]) => o.kind === 'ok') as [string, { kind: 'ok'; entryId: string }][];
    const unacked = keys.filter((k) => first.has(k) && first.get(k)!.kind !== 'ok');
    expect(acked.length).toBeGreaterThanOrEqual(400);
    expect(unacked.length).toBeGreaterThan(0); // requests really were in flight at the kill
    expect([...first.values()].some((o) => o.kind === 'http')).toBe(false);

    p = await serve(db);
    const s2 = { ...s, url: p.url };
    const books = await checkBooks(s2);
    for (const [key, o] of acked) expect(books.get(key)).toBe(o.entryId);
    // Whatever committed without an answer is at most the requests in flight.
    expect(books.size - acked.length).toBeLessThanOrEqual(unacked.length);

    // The callers that saw no answer retry with the same keys; some of those committed already.
    const retried = await hammer(s2, unacked, 16, () => undefined, () => false);
    for (const key of unacked) {
      const o = retried.get(key)!;
      expect(o.kind).toBe('ok');
      if (books.has(key)) expect(o).toMatchObject({ entryId: books.get(key) });
    }
    const again = await hammer(s2, acked.slice(0, 50).map(([k]) => k), 8, () => undefined, () => false);
    for (const [key, o] of again) expect(o).toEqual(first.get(key)); // the same entry id as the first answer
    await checkBooks(s2, acked.length + unacked.length);
    expect(await stopServe(p)).toBe(0);
  }, 180_000);

  it.skipIf(!engine.available)('on SIGTERM answers the requests in flight, commits them, then exits 0', async () => {
    const db = await engine.fresh();
    dbs.push(db);
    let p = await serve(db);
    const s = await signUp(p.url);
    const keys = Array.from({ length: 3000 }, (_, i) => `term-${i}`);
    let termed = false;
    const out = await hammer(s, keys, 48, (ok) => {
      if (ok >= 300 && !termed) {
        termed = true;
        p.child.kill('SIGTERM');
      }
    }, () => termed);
    expect(await p.exited).toBe(0);
    expect([...out.values()].some((o) => o.kind === 'http')).toBe(false);
    const acked = [...out].filter(([, o]) => o.kind === 'ok');
    p = await serve(db);
    const books = await checkBooks({ ...s, url: p.url });
    for (const [key, o] of acked) expect(books.get(key)).toBe((o as { entryId: string }).entryId);
    // Nothing was committed behind a caller's back: the drained requests were all answered.
    expect(books.size).toBe(acked.length);
    expect(await stopServe(p)).toBe(0);
  }, 180_000);
});
