// The `usage.*` analytics procedures, typed by their contract (core/analytics/contract.ts imports only zod, so the
// renderer shares it; routers/usage.ts parses with the same schemas). The panel was built against the contract
// before the router existed, hence the client's untyped path here; a core without the procedures answers NOT_FOUND
// and the pages say "coming" instead of failing.
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
