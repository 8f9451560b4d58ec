// The gateway's Biller seam over the governor: typed GatewayErrors on denial, usage events and charges
// committed together, zero-cost usage for failures and refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/main/core/gateway/admission.ts';
import type { RequestFacts } from '../../src/main/core/gateway/biller.ts';
import { GatewayError } from '../../src/main/core/gateway/errors.ts';
import { createBiller } from '../../src/main/core/governor/biller.ts';
import { systemClock } from '../../src/main/core/lib/clock.ts';
import type { TestApp } from '../helpers/app.ts';
import { startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import type { Org } from './fixtures.ts';
import { micro, setupOrg } from './fixtures.ts';

const price = { modelPattern: 'mock-gpt', provider: 'mock', inputMicroUsdPerMtok: 1_000_000, outputMicroUsdPerMtok: 2_000_000,
  maxOutputTokens: 4096 };

function callerOf(o: Org): Caller {
  const c = o.chain();
  // Only the fields the biller reads; the gateway builds the full object.
  return { key: { apiKeyId: 'key_1', orgId: o.orgId, agentId: c.agentId, expiresAt: null, revokedAt: null },
    org: { org: { id: o.orgId, name: 'o', status: 'active', timezone: 'UTC' } },
    agent: { id: c.agentId, name: 'a', status: 'active', workspaceId: c.workspaceId, agentGroupId: c.agentGroupId },
    plan: { ids: c } } as unknown as Caller;
}

const facts = (requestId: string): RequestFacts => ({ requestId, endpoint: 'chat.completions', model: 'mock-gpt', provider: 'mock',
  credentialSource: 'managed', startedMs: Date.now() - 5, startedPerf: performance.now() - 5, ttftMs: 2 });

describe.each(engines())('gateway biller on $name', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    if (engine.available) t = await startApp(engine);
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('reserves, settles with a usage event in the same commit, and refuses with typed errors', async () => {
    const o = await setupOrg(t, { credits: 1 });
    const biller = createBiller(t.app.money, systemClock);
    const caller = callerOf(o);
    // 10,000 bytes + 1,000 output tokens of mock-gpt = 0.01 + 0.002 USD = 1.2 credits: more than the balance.
    const big = biller.upperBound(price, 10_000, 1000);
    expect(big).toBe(micro(1.2));
    let err: unknown;
    try {
      biller.reserve(caller, big, 'req_big');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GatewayError);
    expect(err).toMatchObject({ code: 'insufficient_credits', status: 402, details: { level: 'org', target_id: o.orgId } });

    const bound = biller.upperBound(price, 1000, 100);
    const hold = biller.reserve(caller, bound, 'req_ok');
    const charged = await biller.settle(hold, caller, price, { inputTokens: 300, outputTokens: 40 }, facts('req_ok'));
    expect(charged).toBe(38_000); // (300 × 1 + 40 × 2) µUSD × 100
    const { db, t: tables } = t.app.database;
    const usage = (await db.select().from(tables.usageEvents)).find((u) => u.requestId === 'req_ok');
    expect(usage).toMatchObject({ costMicro: 38_000, inputTokens: 300, outputTokens: 40, status: 200, apiKeyId: 'key_1', agentId: o.agentIds[0] });

    const failed = biller.reserve(caller, bound, 'req_fail');
    await biller.release(failed, caller, facts('req_fail'), 502, new GatewayError('upstream_error', 'boom'));
    await biller.deny(caller, facts('req_denied'), new GatewayError('model_not_allowed', 'no'));
    const rows = await db.select().from(tables.usageEvents);
    expect(rows.find((u) => u.requestId === 'req_fail')).toMatchObject({ status: 502, errorCode: 'upstream_error', costMicro: 0 });
    expect(rows.find((u) => u.requestId === 'req_denied')).toMatchObject({ status: 403, errorCode: 'model_not_allowed', costMicro: 0 });
    // The writer keeps analytics' usage rollups in the same transactions as the events.
    const hourly = (await db.select().from(tables.usageOrgRollups)).filter((r) => r.orgId === o.orgId && r.grain === 'hour');
    expect(hourly.reduce((n, r) => n + r.requests, 0)).toBe(3);
    expect(hourly.reduce((n, r) => n + r.costMicro, 0)).toBe(38_000);
    const audit = await o.api.audit.list({ orgId: o.orgId });
    expect(audit.items.map((a) => a.action)).toEqual(expect.arrayContaining(['request.insufficient_balance', 'request.model_not_allowed']));
    expect(t.app.money.governor.snapshot(o.orgId)).toMatchObject({ heldMicro: 0, balanceMicro: micro(1) - 38_000 });
  });
});
