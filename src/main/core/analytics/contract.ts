// The analytics API's inputs and outputs (`usage.*` procedures). Written first so the panel and the query layer
// can be built at the same time against one shape. Credits are decimals (micro-credits / 1e6).
import { z } from 'zod';

const id = z.string().min(1).max(100);
const range = { from: z.coerce.date(), to: z.coerce.date() };
const scopeFilter = { workspaceId: id.optional(), agentGroupId: id.optional(), agentId: id.optional() };

export const summaryInput = z.object({ orgId: id, ...range, ...scopeFilter }).strict();
export interface Summary {
  requests: number;
  errors: number;
  /** 0..1 */
  errorRate: number;
  spendCredits: number;
  inputTokens: number;
  outputTokens: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
}

export const GROUP_BY = ['none', 'agent', 'model', 'workspace'] as const;
export const timeseriesInput = z.object({
  orgId: id, ...range, ...scopeFilter,
  bucket: z.enum(['hour', 'day']),
  groupBy: z.enum(GROUP_BY).default('none'),
  /** with groupBy: keep the top N keys by spend, fold the rest into "other" */
  limit: z.number().int().min(1).max(20).default(8),
}).strict();
export interface SeriesPoint {
  /** bucket start, ISO */
  t: string;
  /** agent id / model / workspace id, or 'all' / 'other' */
  key: string;
  spendCredits: number;
  requests: number;
  errors: number;
}
export interface Timeseries {
  bucket: 'hour' | 'day';
  /** display names for keys (agent and workspace names) */
  names: Record<string, string>;
  /** dense: one point per bucket and key (zeros included), ordered by t, then by `keys` */
  points: SeriesPoint[];
  /** series keys, biggest spender first ('other' last when present) */
  keys?: string[];
  /** IANA zone the buckets are aligned to: the org's zone for day buckets, 'UTC' for hour buckets */
  timeZone?: string;
}

export const topInput = z.object({
  orgId: id, ...range, ...scopeFilter, by: z.enum(['agent', 'model', 'workspace']), limit: z.number().int().min(1).max(50).default(10),
}).strict();
export interface TopRow {
  key: string;
  name: string;
  spendCredits: number;
  requests: number;
  errors: number;
  /** 0..1 */
  errorRate?: number;
}

export const burnInput = z.object({ orgId: id }).strict();
export interface Burn {
  balanceCredits: number;
  last24hCredits: number;
  last7dCredits: number;
  /** average daily spend over the last 7 days */
  dailyRateCredits: number;
  /** balance / daily rate; null when nothing was spent */
  projectedDaysLeft: number | null;
}

export const recentInput = z.object({
  orgId: id, ...scopeFilter, limit: z.number().int().min(1).max(200).default(50), cursor: z.string().max(200).optional(),
  status: z.enum(['all', 'ok', 'error']).default('all'),
}).strict();
export interface RecentRow {
  requestId: string;
  createdAt: string;
  agentId: string;
  agentName: string;
  model: string;
  provider: string;
  endpoint: string;
  status: number;
  errorCode: string | null;
  inputTokens: number;
  outputTokens: number;
  costCredits: number;
  estimated: boolean;
  latencyMs: number;
  ttftMs: number | null;
}
export interface RecentPage {
  items: RecentRow[];
  nextCursor: string | null;
}
