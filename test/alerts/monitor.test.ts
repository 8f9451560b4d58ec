// The alert monitor on a real core (governor, ledger writer, database), with a fake clock moving budget periods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertMonitor } from '../../src/main/core/alerts/monitor.ts';
import type { Alert } from '../../src/main/core/alerts/types.ts';
import type { Governor } from '../../src/main/core/governor/governor.ts';
import { FakeClock } from '../../src/main/core/lib/clock.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import type { TestApp } from '../helpers/app.ts';
import { registerUser, startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import type { Org } from '../governor/fixtures.ts';
import { micro, setupOrg } from '../governor/fixtures.ts';

let n = 0;
const clock = new FakeClock(Date.UTC(2026, 4, 10, 12));
/** One request of `credits`, reserved at exactly its cost. Resolves with the denial when refused. */
async function spend(g: Governor, o: Org, credits: number) {
  n += 1;
  clock.advance(1000); // alerts of one test get distinct times, so the panel's order is well defined
  const r = g.reserve({ chain: o.chain(), upperBoundMicro: micro(credits), requestId: `alert-${n}` });
  return r.ok ? g.settle(r.reservation, { costMicro: micro(credits) }) : r.denial;
}

/** What an alert says, without ids and times. */
const gist = (a: Alert) => (a.kind === 'budget' ? `${a.title} (${a.cause})` : a.title);

describe.each(engines())('alert monitor on $name', (engine) => {
  let t: TestApp;
  const seen: Alert[] = [];
  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine, { clock });
    t.app.alerts.on('alert', (a) => seen.push(a));
  });
  afterAll(async () => t?.close());

  const taken = new Map<string, number>();
  /**
   * Looks at the org now, waits until what it found is recorded, and returns the org's alerts not returned before
   * (including any a change event or the timer found first).
   */
  async function look(o: Org): Promise<string[]> {
    await t.app.money.governor.idle();
    await t.app.alerts.check(o.orgId);
    await t.app.alerts.idle();
    const mine = seen.filter((a) => a.orgId === o.orgId);
    const from = taken.get(o.orgId) ?? 0;
    taken.set(o.orgId, mine.length);
    return mine.slice(from).map(gist);
  }

  it.skipIf(!engine.available)('budget: 80 % and 100 % once per period, recorded for the panel, re-armed at the reset', async () => {
    clock.set(Date.UTC(2026, 4, 10, 12));
    const o = await setupOrg(t, { credits: 100 });
    const g = t.app.money.governor;
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[0]! }, period: 'DAILY', limitCredits: 1 });
    await spend(g, o, 0.5);
    expect(await look(o)).toEqual([]);
    await spend(g, o, 0.3);
    expect(await look(o)).toEqual(['Budget at 80 % (spend)']);
    expect(await look(o)).toEqual([]); // no spam
    await spend(g, o, 0.2);
    expect(await look(o)).toEqual(['Budget exhausted (spend)']);
    expect(await spend(g, o, 0.1)).toMatchObject({ code: 'budget_exceeded' });
    expect(await look(o)).toEqual([]); // the refusal does not repeat it

    const latest = seen.at(-1)!;
    expect(latest).toMatchObject({ kind: 'budget', targetName: 'a0', percent: 100, spentMicro: micro(1), limitMicro: micro(1) });
    expect(latest.message).toBe('Daily budget of agent "a0" has run out: 1 of 1 credits spent.');

    clock.set(Date.UTC(2026, 4, 11, 12)); // next day: a new period
    await spend(g, o, 0.9);
    expect(await look(o)).toEqual(['Budget at 80 % (spend)']);

    // The panel: newest first, readable by a viewer, paged; the audit log holds the same rows.
    const viewer = await registerUser(t, `viewer.${o.orgId}@example.com`);
    await o.api.orgs.members.invite({ orgId: o.orgId, email: `viewer.${o.orgId}@example.com`, role: 'viewer' });
    const list = await t.as(viewer.id).alerts.list({ orgId: o.orgId });
    expect(list.items.map((a) => [a.title, a.kind === 'budget' ? a.periodStartMs : null])).toEqual([
      ['Budget at 80 %', Date.UTC(2026, 4, 11)], ['Budget exhausted', Date.UTC(2026, 4, 10)], ['Budget at 80 %', Date.UTC(2026, 4, 10)],
    ]);
    expect(list.items[1]).toMatchObject({ id: latest.id, message: latest.message, orgId: o.orgId });
    const page = await t.as(viewer.id).alerts.list({ orgId: o.orgId, limit: 2 });
    expect(page.nextCursor).not.toBeNull();
    const rest = await t.as(viewer.id).alerts.list({ orgId: o.orgId, limit: 2, cursor: page.nextCursor! });
    expect(rest.items.map((a) => a.id)).toEqual([list.items[2]!.id]);
    const audit = await o.api.audit.list({ orgId: o.orgId, action: 'alert.budget_80' });
    expect(audit.items).toHaveLength(2);
    expect(audit.items[0]).toMatchObject({ actorType: 'system', targetType: 'budget' });
    const stranger = await registerUser(t, `stranger.${o.orgId}@example.com`);
    await expect(t.as(stranger.id).alerts.list({ orgId: o.orgId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.skipIf(!engine.available)('a budget that refuses requests before spend reaches the limit is reported exhausted', async () => {
    clock.set(Date.UTC(2026, 4, 12, 12));
    const o = await setupOrg(t, { credits: 100 });
    const g = t.app.money.governor;
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'group', id: o.groupId }, period: 'MONTHLY', limitCredits: 2 });
    await spend(g, o, 1.2);
    expect(await spend(g, o, 5)).toMatchObject({ code: 'budget_exceeded' }); // bigger than the whole budget: no news
    expect(await look(o)).toEqual([]);
    expect(await spend(g, o, 1)).toMatchObject({ code: 'budget_exceeded' }); // 60 % spent, the request does not fit
    await t.app.alerts.idle(); // the denial alone triggers the look
    expect(seen.filter((a) => a.orgId === o.orgId).map(gist)).toEqual(['Budget exhausted (refused)']);
    expect(await look(o)).toEqual(['Budget exhausted (refused)']);
    expect(seen.at(-1)?.message).toMatch(/^Monthly budget of group "G" is exhausted: it refuses requests now \(1\.2 of 2 credits spent/);
  });

  it.skipIf(!engine.available)('raising the limit re-arms; thresholds come from the org settings', async () => {
    clock.set(Date.UTC(2026, 4, 13, 12));
    const o = await setupOrg(t, { credits: 100 });
    const g = t.app.money.governor;
    const b = await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'agent', id: o.agentIds[0]! }, period: 'TOTAL', limitCredits: 1 });
    await spend(g, o, 0.85);
    expect(await look(o)).toEqual(['Budget at 80 % (spend)']);
    await o.api.budgets.update({ budgetId: b.id, limitCredits: 2 });
    expect(await look(o)).toEqual([]);
    await spend(g, o, 0.8);
    expect(await look(o)).toEqual(['Budget at 80 % (spend)']);
    await o.api.settings.update({ orgId: o.orgId, patch: { budgetAlertPercents: [50, 90] } });
    await spend(g, o, 0.2); // 1.85 of 2
    expect(await look(o)).toEqual(['Budget at 90 % (spend)']);
  });

  it.skipIf(!engine.available)('balance: fires when it falls below lowBalanceCredits, re-armed by a purchase', async () => {
    const o = await setupOrg(t, { credits: 12 });
    const g = t.app.money.governor;
    expect(await look(o)).toEqual([]);
    await spend(g, o, 2.5);
    expect(await look(o)).toEqual(['Credits running low']);
    await spend(g, o, 1);
    expect(await look(o)).toEqual([]);
    await o.api.credits.purchase({ orgId: o.orgId, amountCredits: 5, idempotencyKey: 'top-up' });
    expect(await look(o)).toEqual([]);
    await spend(g, o, 4);
    expect(await look(o)).toEqual(['Credits running low']);
    expect(seen.at(-1)).toMatchObject({ kind: 'low_balance', balanceMicro: micro(9.5), thresholdMicro: micro(10) });
    expect((await o.api.alerts.list({ orgId: o.orgId })).items.map((a) => a.kind)).toEqual(['low_balance', 'low_balance']);
  });

  it.skipIf(!engine.available)('a restarted monitor does not notify what already fired', async () => {
    clock.set(Date.UTC(2026, 4, 14, 12));
    const o = await setupOrg(t, { credits: 100 });
    const g = t.app.money.governor;
    await o.api.budgets.create({ orgId: o.orgId, target: { scope: 'workspace', id: o.workspaceId }, period: 'DAILY', limitCredits: 1 });
    await spend(g, o, 0.9);
    expect(await look(o)).toEqual(['Budget at 80 % (spend)']);
    const again = new AlertMonitor({ deps: t.app.deps, governor: g, ledger: t.app.money.ledger, logger: silentLogger(), intervalMs: null });
    const fresh: Alert[] = [];
    again.on('alert', (a) => fresh.push(a));
    await again.start();
    await spend(g, o, 0.1);
    await again.check(o.orgId);
    await again.stop();
    expect(fresh.filter((a) => a.orgId === o.orgId).map(gist)).toEqual(['Budget exhausted (spend)']);
  });
});
