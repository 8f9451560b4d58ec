// usage.* through the tRPC API on both engines: exact numbers from known events, scope filters, day and hour
// buckets with top-N folding, burn rate against a fake clock, keyset pages, and tenancy (another org's events
// never appear, and its members cannot read this org).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachAnalyticsReader } from '../../src/main/core/analytics/reader.ts';
import { analyticsOf } from '../../src/main/core/analytics/service.ts';
import { FakeClock } from '../../src/main/core/lib/clock.ts';
import { silentLogger } from '../../src/main/core/lib/logger.ts';
import type { TestApp } from '../helpers/app.ts';
import { registerUser, startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import type { UsageOrg } from './fixtures.ts';
import { at, ev, setupUsageOrg, writeUsage } from './fixtures.ts';

const NOW = at('2026-03-10T12:00:00Z');
const DAY = { from: new Date('2026-03-09T00:00:00Z'), to: new Date('2026-03-10T12:00:00Z') };

describe.each(engines())('usage analytics API on $name', (engine) => {
  let t: TestApp;
  let a: UsageOrg;
  let b: UsageOrg;

  beforeAll(async () => {
    if (!engine.available) return;
    t = await startApp(engine, { clock: new FakeClock(NOW) });
    a = await setupUsageOrg(t);
    b = await setupUsageOrg(t);
    await a.api.credits.purchase({ orgId: a.orgId, amountCredits: 100, idempotencyKey: 'buy-1' });
    await writeUsage(t.app.database, [
      ev(a, 'a1', at('2026-03-01T09:00:00Z'), { costMicro: 9_000_000 }), // before the 7-day window
      ev(a, 'a1', at('2026-03-07T12:00:00Z'), { costMicro: 7_000_000, latencyMs: 5 }),
      ev(a, 'a1', at('2026-03-09T10:15:00Z'), { costMicro: 1_000_000, latencyMs: 10, ttftMs: 5 }),
      ev(a, 'a1', at('2026-03-09T10:45:00Z'), { costMicro: 2_000_000, latencyMs: 20, ttftMs: 8, model: 'gpt-4o' }),
      ev(a, 'a2', at('2026-03-09T11:30:00Z'), { costMicro: 500_000, latencyMs: 30, status: 500, errorCode: 'upstream_error',
        model: 'gpt-4o', inputTokens: 7, outputTokens: 0 }),
      ev(a, 'a3', at('2026-03-09T23:59:59Z'), { costMicro: 250_000, latencyMs: 100, ttftMs: 40, status: 429, model: 'claude-sonnet' }),
      ev(a, 'a2', at('2026-03-10T00:00:00Z'), { costMicro: 3_000_000, latencyMs: 1000, ttftMs: 300, model: 'gpt-4o',
        inputTokens: 2000, outputTokens: 800, estimated: true }),
      ev(a, 'a3', at('2026-03-10T11:59:00Z'), { costMicro: 0, latencyMs: 15, ttftMs: 12, status: 400, model: 'claude-sonnet' }),
    ]);
    // Another tenant, busy at the same moments with the same model names: none of it may show up in org A.
    await writeUsage(t.app.database, ['2026-03-09T10:15:00Z', '2026-03-09T23:59:59Z', '2026-03-10T11:00:00Z'].map((iso) =>
      ev(b, 'a1', at(iso), { costMicro: 999_000_000, latencyMs: 60_000, ttftMs: 50_000, status: 503, model: 'gpt-4o' })));
  });
  afterAll(async () => t?.close());

  it.skipIf(!engine.available)('summarizes requests, errors, spend, tokens and latency percentiles', async () => {
    expect(await a.api.usage.summary({ orgId: a.orgId, ...DAY })).toEqual({
      requests: 6, errors: 3, errorRate: 0.5, spendCredits: 6.75, inputTokens: 2407, outputTokens: 1000,
      // Bucketed values: 10, 15, 20, 30, 100→101.5, 1000→1007.5 (exact below 32 ms, ±3.2% above).
      latencyP50Ms: 20, latencyP95Ms: 1007.5,
      // TTFT of the five streamed requests: 5, 8, 12, 40→40.5, 300→295.5.
      ttftP50Ms: 12, ttftP95Ms: 295.5,
    });
    // Not aligned to hours or days: partial hours come from the raw table.
    const ragged = await a.api.usage.summary({ orgId: a.orgId, from: new Date('2026-03-09T10:30:00Z'), to: new Date('2026-03-10T11:59:30Z') });
    expect(ragged).toMatchObject({ requests: 5, errors: 3, errorRate: 0.6, spendCredits: 5.75,
      latencyP50Ms: 30, latencyP95Ms: 1007.5, ttftP50Ms: 12, ttftP95Ms: 295.5 });
  });

  it.skipIf(!engine.available)('narrows by workspace, group and agent within the org', async () => {
    expect(await a.api.usage.summary({ orgId: a.orgId, ...DAY, workspaceId: a.ws.w2 }))
      .toMatchObject({ requests: 2, errors: 2, errorRate: 1, spendCredits: 0.25, latencyP50Ms: 15, ttftP95Ms: 40.5 });
    expect(await a.api.usage.summary({ orgId: a.orgId, ...DAY, agentGroupId: a.groups.g1 })).toMatchObject({ requests: 4, spendCredits: 6.5 });
    expect(await a.api.usage.summary({ orgId: a.orgId, ...DAY, agentId: a.agents.a1 }))
      .toMatchObject({ requests: 2, errors: 0, spendCredits: 3, ttftP50Ms: 5 });
  });

  it.skipIf(!engine.available)('draws day buckets and hour buckets, folding keys past the limit into "other"', async () => {
    const days = await a.api.usage.timeseries({ orgId: a.orgId, ...DAY, bucket: 'day' });
    expect(days).toMatchObject({ bucket: 'day', keys: ['all'], timeZone: 'UTC' });
    expect(days.points).toEqual([
      { t: '2026-03-09T00:00:00.000Z', key: 'all', spendCredits: 3.75, requests: 4, errors: 2 },
      { t: '2026-03-10T00:00:00.000Z', key: 'all', spendCredits: 3, requests: 2, errors: 1 },
    ]);

    const hours = await a.api.usage.timeseries({ orgId: a.orgId, from: new Date('2026-03-09T10:00:00Z'),
      to: new Date('2026-03-09T12:00:00Z'), bucket: 'hour', groupBy: 'agent', limit: 2 });
    expect(hours.keys).toEqual([a.agents.a1, a.agents.a2]);
    expect(hours.names).toEqual({ [a.agents.a1]: 'crawler', [a.agents.a2]: 'writer' });
    expect(hours.points).toEqual([
      { t: '2026-03-09T10:00:00.000Z', key: a.agents.a1, spendCredits: 3, requests: 2, errors: 0 },
      { t: '2026-03-09T10:00:00.000Z', key: a.agents.a2, spendCredits: 0, requests: 0, errors: 0 },
      { t: '2026-03-09T11:00:00.000Z', key: a.agents.a1, spendCredits: 0, requests: 0, errors: 0 },
      { t: '2026-03-09T11:00:00.000Z', key: a.agents.a2, spendCredits: 0.5, requests: 1, errors: 1 },
    ]);

    const models = await a.api.usage.timeseries({ orgId: a.orgId, ...DAY, bucket: 'day', groupBy: 'model', limit: 1 });
    expect(models.keys).toEqual(['gpt-4o', 'other']);
    expect(models.points).toEqual([
      { t: '2026-03-09T00:00:00.000Z', key: 'gpt-4o', spendCredits: 2.5, requests: 2, errors: 1 },
      { t: '2026-03-09T00:00:00.000Z', key: 'other', spendCredits: 1.25, requests: 2, errors: 1 },
      { t: '2026-03-10T00:00:00.000Z', key: 'gpt-4o', spendCredits: 3, requests: 1, errors: 0 },
      { t: '2026-03-10T00:00:00.000Z', key: 'other', spendCredits: 0, requests: 1, errors: 1 },
    ]);

    const ws = await a.api.usage.timeseries({ orgId: a.orgId, ...DAY, bucket: 'day', groupBy: 'workspace' });
    expect(ws.names).toEqual({ [a.ws.w1]: 'Research', [a.ws.w2]: 'Support' });
    expect(ws.points.filter((p) => p.key === a.ws.w2).map((p) => p.spendCredits)).toEqual([0.25, 0]);
  });

  it.skipIf(!engine.available)('ranks top agents, models and workspaces by spend', async () => {
    expect(await a.api.usage.top({ orgId: a.orgId, ...DAY, by: 'agent' })).toEqual([
      { key: a.agents.a2, name: 'writer', spendCredits: 3.5, requests: 2, errors: 1, errorRate: 0.5 },
      { key: a.agents.a1, name: 'crawler', spendCredits: 3, requests: 2, errors: 0, errorRate: 0 },
      { key: a.agents.a3, name: 'helpdesk', spendCredits: 0.25, requests: 2, errors: 2, errorRate: 1 },
    ]);
    expect((await a.api.usage.top({ orgId: a.orgId, ...DAY, by: 'model', limit: 2 })).map((r) => [r.key, r.spendCredits, r.requests]))
      .toEqual([['gpt-4o', 5.5, 3], ['gpt-4o-mini', 1, 1]]);
    expect((await a.api.usage.top({ orgId: a.orgId, ...DAY, by: 'workspace' })).map((r) => [r.name, r.spendCredits]))
      .toEqual([['Research', 6.5], ['Support', 0.25]]);
  });

  it.skipIf(!engine.available)('reports the balance, burn rate and projected days left at the fake clock', async () => {
    const burn = await a.api.usage.burn({ orgId: a.orgId });
    expect(burn).toMatchObject({ balanceCredits: 100, last24hCredits: 3.25, last7dCredits: 13.75 });
    expect(burn.dailyRateCredits).toBeCloseTo(13.75 / 7, 9);
    expect(burn.projectedDaysLeft).toBeCloseTo(100 / (13.75 / 7), 9);
    expect(await b.api.usage.burn({ orgId: b.orgId })).toMatchObject({ balanceCredits: 0, projectedDaysLeft: 0 });
  });

  it.skipIf(!engine.available)('pages recent requests newest first, with status and agent filters', async () => {
    const p1 = await a.api.usage.recent({ orgId: a.orgId, limit: 3 });
    expect(p1.items.map((r) => r.createdAt)).toEqual(['2026-03-10T11:59:00.000Z', '2026-03-10T00:00:00.000Z', '2026-03-09T23:59:59.000Z']);
    expect(p1.items[1]).toMatchObject({ agentId: a.agents.a2, agentName: 'writer', model: 'gpt-4o', status: 200, inputTokens: 2000,
      outputTokens: 800, costCredits: 3, estimated: true, latencyMs: 1000, ttftMs: 300, errorCode: null, provider: 'openai' });
    const p2 = await a.api.usage.recent({ orgId: a.orgId, limit: 3, cursor: p1.nextCursor! });
    expect(p2.items[0]).toMatchObject({ status: 500, errorCode: 'upstream_error', ttftMs: null, costCredits: 0.5, estimated: false });
    const p3 = await a.api.usage.recent({ orgId: a.orgId, limit: 3, cursor: p2.nextCursor! });
    expect(p3.items).toHaveLength(2);
    expect(p3.nextCursor).toBeNull();
    expect((await a.api.usage.recent({ orgId: a.orgId, status: 'error' })).items.map((r) => r.status)).toEqual([400, 429, 500]);
    expect((await a.api.usage.recent({ orgId: a.orgId, status: 'ok', agentId: a.agents.a3 })).items).toEqual([]);
  });

  it.skipIf(!engine.available)('pages through requests that share a timestamp without skipping or repeating', async () => {
    const c = await setupUsageOrg(t);
    const same = at('2026-03-08T08:00:00Z');
    await writeUsage(t.app.database, [ev(c, 'a1', same), ev(c, 'a2', same), ev(c, 'a3', same), ev(c, 'a1', same - 1)]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.api.usage.recent({ orgId: c.orgId, limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.requestId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it.skipIf(!engine.available)('answers the same from the SQLite reader thread, errors included', async () => {
    const before = [await a.api.usage.summary({ orgId: a.orgId, ...DAY }), await a.api.usage.burn({ orgId: a.orgId }),
      await a.api.usage.top({ orgId: a.orgId, ...DAY, by: 'model' })];
    const detach = attachAnalyticsReader(t.app.deps, { databaseUrl: t.db.url, logger: silentLogger(),
      workerPath: new URL('../../src/main/core/analytics/reader.worker.ts', import.meta.url) });
    try {
      expect('close' in analyticsOf(t.app.deps)).toBe(engine.name === 'sqlite'); // PostgreSQL reads in-process
      expect([await a.api.usage.summary({ orgId: a.orgId, ...DAY }), await a.api.usage.burn({ orgId: a.orgId }),
        await a.api.usage.top({ orgId: a.orgId, ...DAY, by: 'model' })]).toEqual(before);
      await expect(a.api.usage.timeseries({ orgId: a.orgId, from: new Date('2025-01-01T00:00:00Z'), to: DAY.to, bucket: 'hour' }))
        .rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/use day buckets/) });
    } finally {
      await detach();
    }
  });

  it.skipIf(!engine.available)('keeps tenants apart', async () => {
    const ids = [...(await a.api.usage.recent({ orgId: a.orgId, limit: 200 })).items].map((r) => r.requestId);
    expect(ids).toHaveLength(8);
    expect(ids.every((id) => id.startsWith(`req_${a.orgId}_`))).toBe(true);
    // B's own ids as filters under A's org match nothing.
    expect(await a.api.usage.summary({ orgId: a.orgId, ...DAY, workspaceId: b.ws.w1 }))
      .toMatchObject({ requests: 0, spendCredits: 0, latencyP50Ms: null, ttftP95Ms: null });
    expect(await a.api.usage.top({ orgId: a.orgId, ...DAY, by: 'agent', agentId: b.agents.a1 })).toEqual([]);
    // B's members cannot read A at all; strangers neither.
    await expect(b.api.usage.summary({ orgId: a.orgId, ...DAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const stranger = await registerUser(t, `stranger.${Date.now()}@example.com`);
    await expect(t.as(stranger.id).usage.recent({ orgId: a.orgId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.as(null).usage.burn({ orgId: a.orgId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // And B sees only its own.
    expect(await b.api.usage.summary({ orgId: b.orgId, ...DAY })).toMatchObject({ requests: 3, errors: 3, spendCredits: 2997 });
  });
});
