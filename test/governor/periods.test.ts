// Periods in the org's time zone, auto-disable, expiry and the rebuild at start, all on a fake clock.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTollgate } from '../../src/main/core/app.ts';
import type { Governor } from '../../src/main/core/governor/governor.ts';
import { FakeClock } from '../../src/main/core/lib/clock.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import type { TestApp } from '../helpers/app.ts';
import { startApp } from '../helpers/app.ts';
import { engines, MIGRATIONS } from '../helpers/engines.ts';
import type { Org } from './fixtures.ts';
import { micro, setupOrg } from './fixtures.ts';

const HALF = micro(0.5);
let n = 0;

function spend(g: Governor, o: Org, agent = 0) {
  n += 1;
  const r = g.reserve({ chain: o.chain(agent), upperBoundMicro: HALF, requestId: `p-${n}` });
  return r.ok ? g.settle(r.reservation, { costMicro: HALF }) : Promise.resolve(r.denial);
}

describe.each(engines())('periods, auto-disable and rebuild on $name', (engine) => {
  let t: TestApp;
  // 23:00 on Saturday 7 March 2026 in New York (EST, UTC-5); DST starts there the next night.
  const clock = new FakeClock(Date.UTC(2026, 2, 8, 4));
  beforeAll(async () => {
    if (engine.available) t = await startApp(engine, { clock });
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('resets DAILY at local midnight and MONTHLY at the local month start', async () => {
    clock.set(Date.UTC(2026, 2, 8, 4));
    const o = await setupOrg(t, { credits: 100 });
    const g = t.app.money.governor;
    await o.api.orgs.setTimezone({ orgId: o.orgId, timezone: 'America/New_York' });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[0]! }, period: 'DAILY', limitCredits: 1 });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'group', id: o.groupId }, period: 'MONTHLY', limitCredits: 1.5 });
    await g.idle();
    await spend(g, o);
    await spend(g, o);
    expect(await spend(g, o)).toMatchObject({ code: 'budget_exceeded', level: 'agent', period: 'DAILY' });
    clock.set(Date.UTC(2026, 2, 8, 4, 59)); // 23:59 local: still the same day
    expect(await spend(g, o)).toMatchObject({ code: 'budget_exceeded', level: 'agent' });
    clock.set(Date.UTC(2026, 2, 8, 5, 1)); // 00:01 local on the 8th (04:59 UTC would still be the 7th in New York)
    expect(await spend(g, o)).toMatchObject({ chargedMicro: HALF });
    expect(await spend(g, o)).toMatchObject({ code: 'budget_exceeded', level: 'group', period: 'MONTHLY', limitMicro: micro(1.5) });
    clock.set(Date.UTC(2026, 3, 1, 3, 59)); // 23:59 on 31 March, EDT
    expect(await spend(g, o)).toMatchObject({ code: 'budget_exceeded', level: 'group' });
    clock.set(Date.UTC(2026, 3, 1, 4, 1)); // 00:01 on 1 April local
    expect(await spend(g, o)).toMatchObject({ chargedMicro: HALF });

    const { db, t: tables } = t.app.database;
    const rows = (await db.select().from(tables.spendRollups)).filter((r) => r.targetId === o.agentIds[0] && r.period === 'DAILY');
    expect(rows.map((r) => [r.periodStart.toISOString(), r.spentMicro]).sort()).toEqual([
      ['2026-03-07T05:00:00.000Z', micro(1)], ['2026-03-08T05:00:00.000Z', HALF], ['2026-04-01T04:00:00.000Z', HALF],
    ]);
    expect(await t.app.money.ledger.verify(o.orgId)).toMatchObject({ ok: true, driftCount: 0 });
  });

  it.skipIf(!engine.available)('re-buckets spend when the org changes time zone', async () => {
    clock.set(Date.UTC(2026, 5, 10, 2)); // 02:00 UTC = 22:00 the day before in New York
    const o = await setupOrg(t, { credits: 100 });
    const g = t.app.money.governor;
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[0]! }, period: 'DAILY', limitCredits: 1 });
    await g.idle();
    await spend(g, o);
    clock.set(Date.UTC(2026, 5, 10, 5)); // 05:00 UTC, 01:00 in New York: same UTC day, different local days
    await spend(g, o);
    expect(await spend(g, o)).toMatchObject({ code: 'budget_exceeded' });
    await o.api.orgs.setTimezone({ orgId: o.orgId, timezone: 'America/New_York' });
    await g.idle();
    expect(g.snapshot(o.orgId).budgets[0]).toMatchObject({ spentMicro: HALF, periodStartMs: Date.UTC(2026, 5, 10, 4) });
    expect(await spend(g, o)).toMatchObject({ chargedMicro: HALF });
    expect(await t.app.money.ledger.verify(o.orgId)).toMatchObject({ ok: true });
  });

  it.skipIf(!engine.available)('auto-disables the target, audits it, and keeps it disabled past the period reset', async () => {
    clock.set(Date.UTC(2026, 6, 1, 12));
    const o = await setupOrg(t, { credits: 100, agents: 2 });
    const g = t.app.money.governor;
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[0]! }, period: 'DAILY', limitCredits: 1,
      autoDisable: true });
    await g.idle();
    expect(await spend(g, o)).toMatchObject({ disabled: [] });
    expect(await spend(g, o)).toMatchObject({ disabled: [{ scope: 'agent', targetId: o.agentIds[0] }] });
    expect(await o.api.agents.get({ agentId: o.agentIds[0]! })).toMatchObject({ status: 'disabled', disabledReason: 'DAILY budget exhausted' });
    const audit = await o.api.audit.list({ orgId: o.orgId, action: 'agent.disable' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actorType: 'system', actorId: null, targetId: o.agentIds[0] });
    expect(await spend(g, o)).toMatchObject({ code: 'target_disabled', level: 'agent', targetId: o.agentIds[0] });
    expect(await spend(g, o, 1)).toMatchObject({ chargedMicro: HALF }); // the sibling is untouched

    clock.set(Date.UTC(2026, 6, 2, 12)); // next day: the budget has reset, the agent stays disabled
    await g.idle();
    expect(await spend(g, o)).toMatchObject({ code: 'target_disabled' });
    await o.api.agents.enable({ agentId: o.agentIds[0]! });
    await g.idle();
    expect(await spend(g, o)).toMatchObject({ chargedMicro: HALF });
  });

  it.skipIf(!engine.available)('expires holds that outlive their request; a late settle still charges', async () => {
    clock.set(Date.UTC(2026, 7, 1, 12));
    const o = await setupOrg(t, { credits: 1 });
    const g = t.app.money.governor;
    const r = g.reserve({ chain: o.chain(), upperBoundMicro: micro(1), requestId: 'slow', ttlMs: 60_000 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    clock.advance(30_000);
    expect(g.expireStale()).toEqual([]);
    g.touch(r.reservation, 60_000);
    clock.advance(59_000);
    expect(g.expireStale()).toEqual([]);
    clock.advance(2_000);
    expect(g.expireStale()).toEqual([r.reservation]);
    expect(g.snapshot(o.orgId)).toMatchObject({ heldMicro: 0, availableMicro: micro(1) });
    expect(await g.settle(r.reservation, { costMicro: micro(0.25) })).toMatchObject({ chargedMicro: micro(0.25) });
    expect(g.snapshot(o.orgId).balanceMicro).toBe(micro(0.75));
  });

  it.skipIf(!engine.available)('rebuilds balances, spend and disabled targets from the database at start', async () => {
    clock.set(Date.UTC(2026, 8, 1, 12));
    const o = await setupOrg(t, { credits: 3, agents: 2 });
    const g = t.app.money.governor;
    await o.api.agents.disable({ agentId: o.agentIds[1]! });
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'workspace', id: o.workspaceId }, period: 'MONTHLY', limitCredits: 1.5 });
    await g.idle();
    await spend(g, o);
    await spend(g, o);
    const before = g.snapshot(o.orgId);
    const again = await createTollgate({ masterKey: randomBytes(32), logger: silentLogger(), clock,
      config: { dataDir: t.db.dataDir, databaseUrl: t.db.url, migrationsRoot: MIGRATIONS, rendererDir: null, port: 0 } });
    try {
      const g2 = again.money.governor;
      expect(g2.snapshot(o.orgId)).toEqual(before);
      expect(g2.snapshot(o.orgId)).toMatchObject({ balanceMicro: micro(2), budgets: [{ spentMicro: micro(1) }] });
      expect(g2.isDisabled('agent', o.agentIds[1]!)).toBe(true);
      expect(g2.isDisabled('agent', o.agentIds[0]!)).toBe(false);
      const r1 = g2.reserve({ chain: o.chain(), upperBoundMicro: HALF, requestId: 'after-restart-1' });
      expect(r1.ok).toBe(true);
      expect(g2.reserve({ chain: o.chain(), upperBoundMicro: HALF, requestId: 'after-restart-2' }))
        .toMatchObject({ ok: false, denial: { level: 'workspace', period: 'MONTHLY' } });
    } finally {
      await again.close();
    }
  });
});
