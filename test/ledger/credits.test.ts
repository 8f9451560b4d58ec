// credits.* and ledger.* through the tRPC API: purchases, balance, refunds and adjustments as new entries,
// cursor pagination with filters, verify, and who may call what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { registerUser, startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import { ledgerSum, micro, setupOrg } from '../governor/fixtures.ts';

describe.each(engines())('credits and ledger API on $name', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    if (engine.available) t = await startApp(engine);
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('buys credits once per idempotency key and reports the balance', async () => {
    const o = await setupOrg(t);
    const first = await o.api.credits.purchase({ orgId: o.orgId, amountCredits: 12.345678, idempotencyKey: 'order-1' });
    expect(first).toMatchObject({ replayed: false, entry: { kind: 'purchase', amountMicro: 12_345_678, actorUserId: o.ownerId } });
    expect(first.entry.createdAt).toBeInstanceOf(Date);
    const again = await o.api.credits.purchase({ orgId: o.orgId, amountCredits: 12.345678, idempotencyKey: 'order-1' });
    expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id } });
    await expect(o.api.credits.purchase({ orgId: o.orgId, amountCredits: 5, idempotencyKey: 'order-1' }))
      .rejects.toMatchObject({ code: 'CONFLICT' });
    await o.api.credits.purchase({ orgId: o.orgId, amountCredits: 1, idempotencyKey: 'order-2' });
    const bal = await o.api.credits.balance({ orgId: o.orgId });
    expect(bal).toMatchObject({ balanceMicro: 13_345_678, entries: 2, heldMicro: 0, availableMicro: 13_345_678, creditsPerUsd: 100 });
    expect(bal.balanceMicro).toBe(await ledgerSum(t, o.orgId));
    const audit = await o.api.audit.list({ orgId: o.orgId, action: 'credits.purchase' });
    expect(audit.items).toHaveLength(2);
    await expect(o.api.credits.purchase({ orgId: o.orgId, amountCredits: 0.0000001, idempotencyKey: 'x' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(o.api.credits.purchase({ orgId: o.orgId, amountCredits: -1, idempotencyKey: 'x' } as never))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.skipIf(!engine.available)('refunds and adjusts with new entries, never edits, and never below zero', async () => {
    const o = await setupOrg(t, { credits: 2 });
    const g = t.app.money.governor;
    const r = g.reserve({ chain: o.chain(), upperBoundMicro: micro(1), requestId: 'req-refund' });
    if (!r.ok) throw new Error(r.denial.message);
    const settled = await g.settle(r.reservation, { costMicro: micro(0.8) });
    const chargeId = settled.entry!.id;
    const part = await o.api.credits.refund({ orgId: o.orgId, entryId: chargeId, amountCredits: 0.3, reason: 'bad answer', idempotencyKey: 'rf-1' });
    expect(part.entry).toMatchObject({ kind: 'refund', amountMicro: micro(0.3), requestId: 'req-refund', agentId: o.agentIds[0] });
    expect(await o.api.credits.refund({ orgId: o.orgId, entryId: chargeId, amountCredits: 0.3, reason: 'bad answer', idempotencyKey: 'rf-1' }))
      .toMatchObject({ replayed: true, entry: { id: part.entry.id } });
    await expect(o.api.credits.refund({ orgId: o.orgId, entryId: chargeId, amountCredits: 0.6, reason: 'too much', idempotencyKey: 'rf-2' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const rest = await o.api.credits.refund({ orgId: o.orgId, entryId: chargeId, reason: 'the rest', idempotencyKey: 'rf-3' });
    expect(rest.entry.amountMicro).toBe(micro(0.5));
    const purchaseId = (await o.api.ledger.list({ orgId: o.orgId, kind: 'purchase' })).items[0]!.id;
    await expect(o.api.credits.refund({ orgId: o.orgId, entryId: purchaseId, reason: 'no', idempotencyKey: 'rf-4' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });

    expect(await o.api.credits.adjust({ orgId: o.orgId, amountCredits: -1.5, reason: 'correction', idempotencyKey: 'adj-1' }))
      .toMatchObject({ entry: { kind: 'adjustment', amountMicro: micro(-1.5) } });
    await expect(o.api.credits.adjust({ orgId: o.orgId, amountCredits: -0.6, reason: 'too far', idempotencyKey: 'adj-2' }))
      .rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/insufficient credits/) });
    await o.api.credits.adjust({ orgId: o.orgId, amountCredits: 0.25, reason: 'goodwill', idempotencyKey: 'adj-3' });
    const bal = await o.api.credits.balance({ orgId: o.orgId });
    expect(bal.balanceMicro).toBe(micro(2 - 0.8 + 0.3 + 0.5 - 1.5 + 0.25));
    expect(bal.balanceMicro).toBe(await ledgerSum(t, o.orgId));
    expect(g.snapshot(o.orgId).balanceMicro).toBe(bal.balanceMicro);
    expect(await o.api.ledger.verify({ orgId: o.orgId })).toMatchObject({ ok: true });
  });

  it.skipIf(!engine.available)('lists entries newest first with a cursor and filters', async () => {
    const o = await setupOrg(t, { agents: 2 });
    for (let i = 0; i < 7; i += 1) await o.api.credits.purchase({ orgId: o.orgId, amountCredits: 1, idempotencyKey: `p${i}` });
    const g = t.app.money.governor;
    for (let i = 0; i < 4; i += 1) {
      const r = g.reserve({ chain: o.chain(i % 2), upperBoundMicro: 10, requestId: `lst-${i}` });
      if (r.ok) await g.settle(r.reservation, { costMicro: 10 });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await o.api.ledger.list({ orgId: o.orgId, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    expect((await o.api.ledger.list({ orgId: o.orgId, kind: 'charge' })).items).toHaveLength(4);
    expect((await o.api.ledger.list({ orgId: o.orgId, agentId: o.agentIds[1]! })).items).toHaveLength(2);
    expect((await o.api.ledger.list({ orgId: o.orgId, from: new Date(Date.now() + 60_000) })).items).toHaveLength(0);
    expect((await o.api.ledger.list({ orgId: o.orgId, to: new Date(Date.now() + 60_000), kind: 'purchase' })).items).toHaveLength(7);
  });

  it.skipIf(!engine.available)('lets viewers read and only admins move money; other tenants see nothing', async () => {
    const o = await setupOrg(t, { credits: 1 });
    const viewer = await registerUser(t, `viewer.${o.orgId}@example.com`);
    await o.api.orgs.members.invite({ orgId: o.orgId, email: `viewer.${o.orgId}@example.com`, role: 'viewer' });
    const v = t.as(viewer.id);
    expect((await v.credits.balance({ orgId: o.orgId })).balanceMicro).toBe(micro(1));
    expect((await v.ledger.list({ orgId: o.orgId })).items).toHaveLength(1);
    await expect(v.credits.purchase({ orgId: o.orgId, amountCredits: 1, idempotencyKey: 'v' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(v.ledger.verify({ orgId: o.orgId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await setupOrg(t);
    await expect(other.api.credits.balance({ orgId: o.orgId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(other.api.credits.purchase({ orgId: o.orgId, amountCredits: 1, idempotencyKey: 'o' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.as(null).credits.balance({ orgId: o.orgId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(o.api.credits.purchase({ orgId: o.orgId, amountCredits: 1, idempotencyKey: 'k', extra: 1 } as never))
      .rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
