// The analytics service behind the usage.* procedures. Stateless over a SqlRunner, so the same code runs on the
// app's connection or inside a reader thread (reader.ts), which keeps SQLite reads off the gateway's event loop.
import type { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import { safeZone } from '../ledger/periods.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { Burn, RecentPage, Summary, Timeseries, TopRow, recentInput, summaryInput, timeseriesInput, topInput } from './contract.ts';
import type { QueryContext, Source } from './queries.ts';
import * as q from './queries.ts';
import { burn, recent } from './recent.ts';
import type { SqlRunner } from './sql.ts';
import { runnerFor } from './sql.ts';

export interface Analytics {
  summary(orgId: string, input: z.output<typeof summaryInput>): Promise<Summary>;
  timeseries(orgId: string, input: z.output<typeof timeseriesInput>): Promise<Timeseries>;
  top(orgId: string, input: z.output<typeof topInput>): Promise<TopRow[]>;
  burn(orgId: string): Promise<Burn>;
  recent(orgId: string, input: z.output<typeof recentInput>): Promise<RecentPage>;
}

export interface AnalyticsOptions {
  runner: SqlRunner;
  /** For burn's "last 24 h / 7 d". */
  now: () => number;
  /** 'raw' answers from usage_events alone (reference for tests and the benchmark). */
  source?: Source;
}

export function createAnalytics(o: AnalyticsOptions): Analytics {
  const source = o.source ?? 'rollup';
  const ctxFor = async (orgId: string): Promise<QueryContext> => {
    const [org] = await o.runner.all<{ timezone: string }>('SELECT timezone FROM organizations WHERE id = ?', [orgId]);
    return { runner: o.runner, zone: safeZone(org?.timezone ?? 'UTC'), source };
  };
  return {
    summary: async (orgId, input) => q.summary(await ctxFor(orgId), orgId, input),
    timeseries: async (orgId, input) => q.timeseries(await ctxFor(orgId), orgId, input),
    top: async (orgId, input) => q.top(await ctxFor(orgId), orgId, input),
    burn: async (orgId) => burn(await ctxFor(orgId), orgId, o.now()),
    recent: async (orgId, input) => recent(await ctxFor(orgId), orgId, input),
  };
}

const inProcess = new WeakMap<ServiceDeps, Analytics>();

/**
 * The analytics service for these deps: the one a host attached as `deps.analytics` (a reader thread, see
 * reader.ts), else one reading on the app's own connection.
 */
export function analyticsOf(deps: ServiceDeps): Analytics {
  const attached = (deps as ServiceDeps & { analytics?: Analytics }).analytics;
  if (attached) return attached;
  let a = inProcess.get(deps);
  if (!a) inProcess.set(deps, (a = createAnalytics({ runner: runnerFor(deps.database), now: nowOf(deps.clock) })));
  return a;
}

export const nowOf = (clock: Clock) => (): number => clock.now().getTime();
