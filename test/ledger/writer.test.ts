// The ledger writer thread: group commit, idempotent replays (also after the thread dies), isolation of a bad op,
// loud failure, drift detection and draining on close.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BucketCache } from '../../src/main/core/ledger/periods.ts';
import type { LedgerOp } from '../../src/main/core/ledger/types.ts';
import { LedgerWriteError, LedgerWriter } from '../../src/main/core/ledger/writer.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import type { TestApp } from '../helpers/app.ts';
import { startApp } from '../helpers/app.ts';
import { engines, ROOT } from '../helpers/engines.ts';
import type { Org } from '../governor/fixtures.ts';
import { ledgerSum, setupOrg } from '../governor/fixtures.ts';

const WORKER = `${ROOT}src/main/core/ledger/writer.worker.ts`;
let seq = 0;

function purchase(orgId: string, key = `k${++seq}`, amountMicro = 1000): LedgerOp {
  return { entry: { id: `led_t${++seq}`, orgId, kind: 'purchase', amountMicro, idempotencyKey: `purchase:${orgId}:${key}`,
    workspaceId: null, agentGroupId: null, agentId: null, requestId: null, actorUserId: null, description: '', createdAtMs: Date.now() } };
}

function charge(o: Org, amountMicro = 700): LedgerOp {
  const now = Date.now();
  const c = o.chain();
  return { entry: { id: `led_t${++seq}`, orgId: o.orgId, kind: 'charge', amountMicro: -amountMicro, idempotencyKey: `charge:req_t${seq}`,
    workspaceId: c.workspaceId, agentGroupId: c.agentGroupId, agentId: c.agentId, requestId: `req_t${seq}`, actorUserId: null,
    description: '', createdAtMs: now }, buckets: new BucketCache('UTC').buckets(now) };
}

async function entryCount(t: TestApp, orgId: string): Promise<number> {
  const { db, t: tables } = t.app.database;
  return (await db.select().from(tables.ledgerEntries)).filter((r) => r.orgId === orgId).length;
}

describe.each(engines())('ledger writer on $name', (engine) => {
  let t: TestApp;
  let o: Org;
  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine);
    o = await setupOrg(t, { credits: 1 });
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('commits concurrent ops in groups, each caller resolved after its commit', async () => {
    const w = t.app.money.ledger;
    const before = w.status();
    const ops = Array.from({ length: 3000 }, (_, i) => (i % 3 ? purchase(o.orgId) : charge(o)));
    const results = await Promise.all(ops.map((op) => w.submit(op)));
    expect(results.every((r, i) => !r.replayed && r.entry?.id === ops[i]!.entry!.id)).toBe(true);
    const after = w.status();
    expect(after.committedOps - before.committedOps).toBe(3000);
    expect(after.batches - before.batches).toBeLessThan(300);
    expect(after.largestBatch).toBeGreaterThan(10);
    expect((await w.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('inserts a key once; replays answer with the original entry', async () => {
    const w = t.app.money.ledger;
    const a = purchase(o.orgId, 'same');
    const b = purchase(o.orgId, 'same');
    const [ra, rb] = await Promise.all([w.submit(a), w.submit(b)]); // same batch
    expect(ra).toMatchObject({ replayed: false, entry: { id: a.entry!.id } });
    expect(rb).toMatchObject({ replayed: true, entry: { id: a.entry!.id } });
    const rc = await w.submit(purchase(o.orgId, 'same')); // a later batch
    expect(rc).toMatchObject({ replayed: true, entry: { id: a.entry!.id } });
    const { db, t: tables } = t.app.database;
    const rows = (await db.select().from(tables.ledgerEntries)).filter((r) => r.idempotencyKey === `purchase:${o.orgId}:same`);
    expect(rows).toHaveLength(1);
  });

  it.skipIf(!engine.available)('a group mixing new charges with a replayed one commits the new ones once, rollups exact', async () => {
    const w = t.app.money.ledger;
    const old = charge(o, 300);
    await w.submit(old);
    const count = await entryCount(t, o.orgId);
    const sum = await ledgerSum(t, o.orgId);
    const fresh = Array.from({ length: 450 }, () => charge(o, 10));
    const replay: LedgerOp = { ...old, entry: { ...old.entry!, id: 'led_replayed' } };
    const ops = [...fresh.slice(0, 300), replay, ...fresh.slice(300)]; // the replay sits inside the second chunk
    const results = await Promise.all(ops.map((op) => w.submit(op)));
    expect(results[300]).toMatchObject({ replayed: true, entry: { id: old.entry!.id } });
    expect(results.filter((r) => r.replayed)).toHaveLength(1);
    expect(await entryCount(t, o.orgId)).toBe(count + 450);
    expect(await ledgerSum(t, o.orgId)).toBe(sum - 450 * 10);
    expect((await w.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('replays a batch whose thread died after COMMIT: every op once, none reported as a replay', async () => {
    const w = t.app.money.ledger;
    const count = await entryCount(t, o.orgId);
    const sum = await ledgerSum(t, o.orgId);
    const retries = w.status().retries;
    w.injectFault('crash-after-commit');
    const ops = Array.from({ length: 200 }, (_, i) => (i % 2 ? purchase(o.orgId) : charge(o)));
    const results = await Promise.all(ops.map((op) => w.submit(op)));
    expect(w.status().retries).toBeGreaterThan(retries);
    expect(results.every((r, i) => !r.replayed && r.entry?.id === ops[i]!.entry!.id)).toBe(true);
    expect(await entryCount(t, o.orgId)).toBe(count + 200);
    expect(await ledgerSum(t, o.orgId)).toBe(sum + 100 * 1000 - 100 * 700);
    const again = await w.submit({ ...purchase(o.orgId), entry: { ...ops[1]!.entry!, id: 'led_other' } });
    expect(again).toMatchObject({ replayed: true, entry: { id: ops[1]!.entry!.id } });
    expect((await w.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('survives the thread being killed mid-load', async () => {
    const w = t.app.money.ledger;
    const count = await entryCount(t, o.orgId);
    const ops = Array.from({ length: 2000 }, () => purchase(o.orgId));
    const pending = ops.map((op) => w.submit(op));
    await pending[0];
    await w.crashThread();
    const results = await Promise.all(pending);
    expect(results.every((r) => !r.replayed)).toBe(true);
    expect(await entryCount(t, o.orgId)).toBe(count + 2000);
    expect((await w.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('fails only the bad op of a group', async () => {
    const w = t.app.money.ledger;
    const ops = Array.from({ length: 10 }, () => purchase(o.orgId));
    ops[4] = purchase('org_missing');
    const settled = await Promise.allSettled(ops.map((op) => w.submit(op)));
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(9);
    const bad = settled[4] as PromiseRejectedResult;
    expect(bad.reason).toBeInstanceOf(LedgerWriteError);
    expect(String(bad.reason.code)).toMatch(/FOREIGNKEY|23503/);
  });

  it.skipIf(!engine.available)('refuses an op that cannot cross to the thread, at submit, without touching its neighbours', async () => {
    const w = t.app.money.ledger;
    const count = await entryCount(t, o.orgId);
    const bad: LedgerOp = { ...purchase(o.orgId), audit: [{ id: 'aud_bigint', orgId: o.orgId, actorType: 'system', actorId: null,
      action: 'x', targetType: 'org', targetId: o.orgId, details: { n: 1n }, createdAtMs: Date.now() }] };
    const settled = await Promise.allSettled([w.submit(purchase(o.orgId)), w.submit(bad), w.submit(purchase(o.orgId))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(LedgerWriteError);
    expect(String((settled[1] as PromiseRejectedResult).reason.message)).toMatch(/cannot be serialized/);
    expect(await entryCount(t, o.orgId)).toBe(count + 2);
  });

  it.skipIf(!engine.available)('retries, then fails loudly: event, health status, error to the caller; recovers after', async () => {
    const w = t.app.money.ledger;
    const url = await t.app.listen();
    const failures: Error[] = [];
    w.on('failure', ({ error }) => failures.push(error));
    for (let i = 0; i < 6; i += 1) w.injectFault('fail-before-commit');
    const op = purchase(o.orgId);
    await expect(w.submit(op)).rejects.toThrow(/failed after 6 attempts/);
    expect(failures).toHaveLength(1);
    expect(w.status()).toMatchObject({ state: 'failed', lastError: { message: expect.stringMatching(/injected/) } });
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string; ledger: { state: string } };
    expect(health).toMatchObject({ status: 'degraded', ledger: { state: 'failed' } });
    expect(await w.submit(op)).toMatchObject({ replayed: false });
    expect(w.status().state).toBe('ok');
  });

  it.skipIf(!engine.available)('verify recomputes rollups and balances and reports drift', async () => {
    const w = t.app.money.ledger;
    await w.submit(charge(o, 5));
    expect(await w.verify(o.orgId)).toMatchObject({ ok: true, driftCount: 0 });
    const { db, t: tables } = t.app.database;
    const agent = o.agentIds[0]!;
    const r = tables.spendRollups;
    const b = tables.orgBalances;
    const nudgeRollup = (d: number) => db.update(r).set({ spentMicro: sql`${r.spentMicro} + ${d}` })
      .where(and(eq(r.targetId, agent), eq(r.period, 'MONTHLY')));
    const nudgeBalance = (d: number) => db.update(b).set({ balanceMicro: sql`${b.balanceMicro} + ${d}` }).where(eq(b.orgId, o.orgId));
    await nudgeRollup(1);
    const report = await w.verify(o.orgId);
    expect(report).toMatchObject({ ok: false, driftCount: 1 });
    expect(report.drift[0]).toMatchObject({ scope: 'agent', targetId: agent, period: 'MONTHLY' });
    expect(report.drift[0]!.storedMicro - report.drift[0]!.computedMicro).toBe(1);
    await nudgeRollup(-1);
    await nudgeBalance(7);
    const bal = await w.verify(o.orgId);
    expect(bal).toMatchObject({ ok: false, driftCount: 0 });
    expect(bal.balance.storedMicro - bal.balance.computedMicro).toBe(7);
    await nudgeBalance(-7);
    expect((await w.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('close() commits everything queued, then refuses new ops', async () => {
    const w = await LedgerWriter.start({ workerPath: WORKER, databaseUrl: t.db.url, logger: silentLogger() });
    const count = await entryCount(t, o.orgId);
    const pending = Array.from({ length: 1500 }, () => w.submit(purchase(o.orgId)));
    await w.close();
    expect((await Promise.allSettled(pending)).every((s) => s.status === 'fulfilled')).toBe(true);
    expect(await entryCount(t, o.orgId)).toBe(count + 1500);
    await expect(w.submit(purchase(o.orgId))).rejects.toThrow(/closed/);
    expect(w.status().state).toBe('closed');
  });
});
