// The rollups answer exactly what a scan of usage_events answers: random events written in random batches (as the
// ledger writer would), random ranges (aligned and ragged), every procedure, scope and grouping, in UTC, in a zone
// with DST and in a half-hour zone. Rebuilding gives the same rows as incremental upkeep; a zone change re-buckets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillUsageRollups, rebuildUsageRollups } from '../../src/main/core/analytics/rollup-rebuild.ts';
import type { Analytics } from '../../src/main/core/analytics/service.ts';
import { createAnalytics } from '../../src/main/core/analytics/service.ts';
import { runnerFor } from '../../src/main/core/analytics/sql.ts';
import { FakeClock } from '../../src/main/core/lib/clock.ts';
import type { UsageInput } from '../../src/main/core/ledger/types.ts';
import type { TestApp } from '../helpers/app.ts';
import { startApp } from '../helpers/app.ts';
import { engines } from '../helpers/engines.ts';
import type { UsageOrg } from './fixtures.ts';
import { at, ev, prng, setupUsageOrg, writeUsage } from './fixtures.ts';

const START = at('2026-03-20T00:00:00Z');
const SPAN = 16 * 86_400_000; // across the EU DST switch on 2026-03-29
const HOUR = 3_600_000;
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet'];
const AGENTS = ['a1', 'a2', 'a3'] as const;

function randomEvents(o: UsageOrg, rnd: () => number, n: number): UsageInput[] {
  const out: UsageInput[] = [];
  for (let i = 0; i < n; i += 1) {
    const when = START + Math.floor(rnd() * SPAN);
    out.push(ev(o, AGENTS[Math.floor(rnd() * 3)]!, when, {
      model: MODELS[Math.floor(rnd() * 3)]!, status: rnd() < 0.15 ? [400, 429, 500][Math.floor(rnd() * 3)]! : 200,
      costMicro: Math.floor(rnd() * 50_000), inputTokens: Math.floor(rnd() * 4000), outputTokens: Math.floor(rnd() * 900),
      latencyMs: Math.floor(Math.exp(rnd() * Math.log(60_000))), ttftMs: rnd() < 0.3 ? null : Math.floor(Math.exp(rnd() * Math.log(5000))),
    }));
  }
  return out.sort((x, y) => x.createdAtMs - y.createdAtMs); // the writer sees them roughly in time order
}

async function writeInBatches(t: TestApp, events: UsageInput[], rnd: () => number): Promise<void> {
  for (let i = 0; i < events.length;) {
    const n = 1 + Math.floor(rnd() * 60);
    await writeUsage(t.app.database, events.slice(i, i + n));
    i += n;
  }
}

/** A random range: sometimes on hour or day edges, sometimes ragged to the millisecond. */
function randomRange(rnd: () => number, maxLen: number): { from: Date; to: Date } {
  const snap = (ms: number) => {
    const r = rnd();
    return r < 0.3 ? Math.floor(ms / HOUR) * HOUR : r < 0.5 ? Math.floor(ms / 86_400_000) * 86_400_000 : ms;
  };
  const from = snap(START - 86_400_000 + Math.floor(rnd() * (SPAN + 86_400_000)));
  const to = snap(from + 1 + Math.floor(rnd() * maxLen));
  return { from: new Date(from), to: new Date(Math.max(to, from + 1)) };
}

/** Every rollup row of the org, normalized (histograms as sorted entries) and sorted, to compare two states. */
async function tableRows(t: TestApp, orgId: string) {
  const { db, t: tables } = t.app.database;
  const hist = (h: unknown) => Object.entries(typeof h === 'string' ? JSON.parse(h) as object : h as object).sort();
  const norm = (rows: Record<string, unknown>[]) => rows.filter((r) => r.orgId === orgId)
    .map((r) => JSON.stringify({ ...r, bucketStart: (r.bucketStart as Date).getTime(),
      ...('latencyHist' in r ? { latencyHist: hist(r.latencyHist), ttftHist: hist(r.ttftHist) } : {}) })).sort();
  return {
    org: norm(await db.select().from(tables.usageOrgRollups)),
    agents: norm(await db.select().from(tables.usageRollups)),
    models: norm(await db.select().from(tables.usageModelRollups)),
  };
}

async function expectSameAnswers(rollup: Analytics, raw: Analytics, o: UsageOrg, rnd: () => number, rounds: number): Promise<void> {
  const scopes = [{}, { workspaceId: o.ws.w1 }, { agentGroupId: o.groups.g2 }, { agentId: o.agents.a2 }];
  for (let i = 0; i < rounds; i += 1) {
    const scope = scopes[i % scopes.length]!;
    const range = randomRange(rnd, i % 3 === 0 ? 3 * 86_400_000 : SPAN);
    const where = JSON.stringify({ i, ...range, scope });
    const s = { orgId: o.orgId, ...range, ...scope };
    expect(await rollup.summary(o.orgId, s), where).toEqual(await raw.summary(o.orgId, s));
    for (const by of ['agent', 'model', 'workspace'] as const) {
      expect(await rollup.top(o.orgId, { ...s, by, limit: 10 }), where).toEqual(await raw.top(o.orgId, { ...s, by, limit: 10 }));
    }
    for (const groupBy of ['none', 'agent', 'model', 'workspace'] as const) {
      const bucket = range.to.getTime() - range.from.getTime() <= 3 * 86_400_000 && i % 2 === 0 ? 'hour' : 'day';
      const input = { ...s, bucket, groupBy, limit: 2 } as const;
      expect(await rollup.timeseries(o.orgId, input), `${where} ${groupBy} ${bucket}`).toEqual(await raw.timeseries(o.orgId, input));
    }
  }
}

describe.each(engines())('usage rollups on $name', (engine) => {
  let t: TestApp;
  const clock = new FakeClock(START + SPAN - 5 * HOUR - 1234);

  beforeAll(async () => {
    if (engine.available) t = await startApp(engine, { clock });
  });
  afterAll(async () => t?.close());

  const analytics = (source: 'rollup' | 'raw'): Analytics =>
    createAnalytics({ runner: runnerFor(t.app.database), now: () => clock.now().getTime(), source });

  for (const [zone, seed] of [['UTC', 1], ['Europe/Berlin', 2], ['Asia/Kolkata', 3]] as const) {
    it.skipIf(!engine.available)(`answer like the raw table in ${zone}`, async () => {
      const rnd = prng(seed);
      const o = await setupUsageOrg(t, zone);
      await writeInBatches(t, randomEvents(o, rnd, 1500), rnd);
      const rollup = analytics('rollup');
      const raw = analytics('raw');
      await expectSameAnswers(rollup, raw, o, rnd, 24);
      expect(await rollup.burn(o.orgId)).toEqual(await raw.burn(o.orgId));

      const before = await tableRows(t, o.orgId);
      expect(Math.min(before.org.length, before.agents.length, before.models.length)).toBeGreaterThan(0);
      expect(await rebuildUsageRollups(t.app.database, o.orgId)).toBe(1500);
      expect(await tableRows(t, o.orgId)).toEqual(before);
    });
  }

  it.skipIf(!engine.available)('backfills orgs whose events predate the rollups', async () => {
    const rnd = prng(11);
    const o = await setupUsageOrg(t);
    const events = randomEvents(o, rnd, 300);
    await writeUsage(t.app.database, events, { rollups: false });
    expect(await backfillUsageRollups(t.app.database)).toEqual([o.orgId]);
    expect(await backfillUsageRollups(t.app.database)).toEqual([]);
    await expectSameAnswers(analytics('rollup'), analytics('raw'), o, rnd, 8);
  });

  it.skipIf(!engine.available)('buckets days at local midnight across DST, and re-buckets after a zone change', async () => {
    const rnd = prng(7);
    const o = await setupUsageOrg(t, 'Europe/Berlin');
    await writeInBatches(t, randomEvents(o, rnd, 400), rnd);
    const rollup = analytics('rollup');
    const range = { from: new Date('2026-03-28T12:00:00Z'), to: new Date('2026-03-31T00:00:00Z') };
    const days = await rollup.timeseries(o.orgId, { orgId: o.orgId, ...range, bucket: 'day', groupBy: 'none', limit: 8 });
    // Berlin: CET (+1) until 2026-03-29 02:00, CEST (+2) after; the 29th is 23 hours long.
    expect(days.points.map((p) => p.t)).toEqual(['2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z']);
    expect(days.timeZone).toBe('Europe/Berlin');

    await o.api.orgs.setTimezone({ orgId: o.orgId, timezone: 'America/New_York' });
    await rebuildUsageRollups(t.app.database, o.orgId);
    const ny = await rollup.timeseries(o.orgId, { orgId: o.orgId, ...range, bucket: 'day', groupBy: 'model', limit: 8 });
    expect(ny.points[0]!.t).toBe('2026-03-28T04:00:00.000Z');
    await expectSameAnswers(rollup, analytics('raw'), o, rnd, 8);
  });
});
