// The guarantee: however requests interleave, committed spend never passes a budget and the balance never goes
// below zero; the refused get a typed reason naming the level and the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Denial } from '../../src/main/core/governor/denial.ts';
import type { Chain, Governor } from '../../src/main/core/governor/governor.ts';
import type { TestApp } from '../helpers/app.ts';
import { startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import { committedSpend, jitter, ledgerSum, micro, prng, setupOrg } from './fixtures.ts';

interface Outcome {
  settled: number;
  denials: Denial[];
}

/** n concurrent reserve → (provider) → settle cycles; actual cost is a random share of the bound. */
async function cycles(g: Governor, n: number, chainOf: (i: number) => Chain, bound: number, tag: string, seed: number,
  actual: (rnd: () => number) => number = () => bound): Promise<Outcome> {
  const rnd = prng(seed);
  const out: Outcome = { settled: 0, denials: [] };
  await Promise.all(Array.from({ length: n }, async (_, i) => {
    await jitter(rnd);
    const r = g.reserve({ chain: chainOf(i), upperBoundMicro: bound, requestId: `${tag}-${i}` });
    if (!r.ok) {
      out.denials.push(r.denial);
      return;
    }
    await jitter(rnd); // the provider call
    await g.settle(r.reservation, { costMicro: actual(rnd) });
    out.settled += 1;
  }));
  return out;
}

describe.each(engines())('governor under concurrency on $name', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    if (engine.available) t = await startApp(engine);
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('500 cycles against an agent budget that fits 50', async () => {
    const o = await setupOrg(t, { credits: 10_000 });
    const limit = micro(5);
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[0]! }, period: 'DAILY', limitCredits: 5 });
    await t.app.money.governor.idle();
    const res = await cycles(t.app.money.governor, 500, () => o.chain(), micro(0.1), 'a50', 1);
    expect(res.settled).toBe(50);
    expect(res.denials).toHaveLength(450);
    for (const d of res.denials) {
      expect(d).toMatchObject({ code: 'budget_exceeded', level: 'agent', targetId: o.agentIds[0], period: 'DAILY', limitMicro: limit });
      expect(d.message).toMatch(/DAILY budget of agent/);
    }
    expect(await committedSpend(t, o.orgId)).toBe(limit);
    expect((await t.app.money.ledger.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('never passes any of several budgets when actual costs vary below the bound', async () => {
    const o = await setupOrg(t, { credits: 10_000, agents: 3 });
    const bound = micro(0.1);
    const limits = { agent: micro(4), group: micro(8), workspace: micro(5), org: micro(6) };
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[0]! }, period: 'DAILY', limitCredits: 4 });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'group', id: o.groupId }, period: 'MONTHLY', limitCredits: 8 });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'workspace', id: o.workspaceId }, period: 'TOTAL', limitCredits: 5 });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'org', id: o.orgId }, period: 'DAILY', limitCredits: 6 });
    await t.app.money.governor.idle();
    const res = await cycles(t.app.money.governor, 500, (i) => o.chain(i % 3), bound, 'multi', 2,
      (rnd) => Math.floor(bound * (0.3 + 0.7 * rnd())));
    expect(res.settled).toBeGreaterThanOrEqual(50);
    expect(res.denials.length).toBe(500 - res.settled);
    expect(await committedSpend(t, o.orgId, { col: 'agentId', id: o.agentIds[0]! })).toBeLessThanOrEqual(limits.agent);
    expect(await committedSpend(t, o.orgId, { col: 'agentGroupId', id: o.groupId })).toBeLessThanOrEqual(limits.group);
    expect(await committedSpend(t, o.orgId, { col: 'workspaceId', id: o.workspaceId })).toBeLessThanOrEqual(limits.workspace);
    expect(await committedSpend(t, o.orgId)).toBeLessThanOrEqual(limits.org);
    // The workspace's TOTAL budget is the tightest of those that apply to every agent.
    for (const d of res.denials) {
      expect(d.code).toBe('budget_exceeded');
      expect(['agent', 'workspace']).toContain(d.level);
      expect(d.limitMicro).toBe(limits[d.level as 'agent' | 'workspace']);
      expect(d.period).toBe(d.level === 'agent' ? 'DAILY' : 'TOTAL');
    }
    expect(res.denials.some((d) => d.level === 'workspace')).toBe(true);
    expect((await t.app.money.ledger.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('stops at the org balance when it is the tightest limit, never below zero', async () => {
    const o = await setupOrg(t, { credits: 5, agents: 2 });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'org', id: o.orgId }, period: 'MONTHLY', limitCredits: 100 });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[1]! }, period: 'DAILY', limitCredits: 50 });
    await t.app.money.governor.idle();
    const res = await cycles(t.app.money.governor, 500, (i) => o.chain(i % 2), micro(0.1), 'bal', 3);
    expect(res.settled).toBe(50);
    for (const d of res.denials) {
      expect(d).toMatchObject({ code: 'insufficient_balance', level: 'org', targetId: o.orgId, period: null, budgetId: null });
    }
    expect(await ledgerSum(t, o.orgId)).toBe(0);
    const bal = await o.api.credits.balance({ orgId: o.orgId });
    expect(bal).toMatchObject({ balanceMicro: 0, heldMicro: 0, availableMicro: 0 });
    expect((await t.app.money.ledger.verify(o.orgId)).ok).toBe(true);
  });

  it.skipIf(!engine.available)('frees what settle did not use, and what release and expiry give back', async () => {
    const o = await setupOrg(t, { credits: 1 });
    const g = t.app.money.governor;
    const a = g.reserve({ chain: o.chain(), upperBoundMicro: micro(0.6), requestId: 'free-a' });
    expect(a.ok).toBe(true);
    const b = g.reserve({ chain: o.chain(), upperBoundMicro: micro(0.6), requestId: 'free-b' });
    expect(b).toMatchObject({ ok: false, denial: { code: 'insufficient_balance', heldMicro: micro(0.6) } });
    if (!a.ok) return;
    expect(g.reserve({ chain: o.chain(), upperBoundMicro: micro(0.6), requestId: 'free-a' })).toMatchObject({ ok: true,
      reservation: { id: a.reservation.id } });
    const settled = await g.settle(a.reservation, { costMicro: micro(0.1) });
    expect(settled).toMatchObject({ chargedMicro: micro(0.1), replayed: false, capped: false });
    expect(await g.settle(a.reservation, { costMicro: micro(0.1) })).toBe(settled);
    const c = g.reserve({ chain: o.chain(), upperBoundMicro: micro(0.9), requestId: 'free-c' });
    expect(c.ok).toBe(true);
    if (c.ok) await g.release(c.reservation);
    expect(g.snapshot(o.orgId)).toMatchObject({ balanceMicro: micro(0.9), heldMicro: 0 });
  });
});
