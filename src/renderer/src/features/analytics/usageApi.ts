// The `usage.*` analytics procedures, typed by their contract (core/analytics/contract.ts imports only zod, so the
// renderer can share it). Called through the untyped path of the tRPC client so this compiles whether or not the
// router has merged them yet; a server without them answers NOT_FOUND and pages show "coming".
import type { UseQueryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Burn, burnInput, RecentPage, recentInput, Summary, summaryInput, Timeseries, timeseriesInput, TopRow, topInput,
} from '../../../../main/core/analytics/contract.ts';
import { useTRPCClient } from '../../trpc/client.ts';

export type { Burn, RecentPage, RecentRow, SeriesPoint, Summary, Timeseries, TopRow } from '../../../../main/core/analytics/contract.ts';

interface UsageApi {
  summary: z.input<typeof summaryInput>;
  timeseries: z.input<typeof timeseriesInput>;
  top: z.input<typeof topInput>;
  burn: z.input<typeof burnInput>;
  recent: z.input<typeof recentInput>;
}
interface UsageOut {
  summary: Summary;
  timeseries: Timeseries;
  top: TopRow[];
  burn: Burn;
  recent: RecentPage;
}
type Proc = keyof UsageApi;
type Client = { usage: { [P in Proc]: { query: (input: UsageApi[P]) => Promise<UsageOut[P]> } } };

/** Query options for one `usage.*` call; `live` polls every 2 s (the issue's ≤ 2 s freshness). */
export function useUsageQuery<P extends Proc>(proc: P, input: UsageApi[P], opts: { live?: boolean; enabled?: boolean } = {}) {
  const client = useTRPCClient() as unknown as Client;
  return {
    queryKey: ['usage', proc, input],
    queryFn: () => client.usage[proc].query(input),
    refetchInterval: opts.live ? 2000 : false,
    enabled: opts.enabled ?? true,
    // A missing procedure will not appear by retrying.
    retry: false,
  } satisfies UseQueryOptions<UsageOut[P]>;
}

export const ANALYTICS_COMING = 'Usage analytics (usage.summary, timeseries, top, burn, recent) are not on this server yet.';
