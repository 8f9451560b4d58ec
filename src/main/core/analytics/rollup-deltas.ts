// Sums a batch of usage events per rollup row (three tables × hour and day grains), so each row is written once per
// batch. Pure JS; rollup-write.ts turns the sums into SQL.
import type { UsageInput } from '../ledger/types.ts';
import type { Histogram } from './histogram.ts';
import { addValue } from './histogram.ts';
import type { Day } from './slices.ts';
import { floorHour, localDays } from './slices.ts';

export type UsageRollupEvent = Pick<UsageInput, 'orgId' | 'workspaceId' | 'agentGroupId' | 'agentId' | 'model' | 'status'
  | 'inputTokens' | 'outputTokens' | 'costMicro' | 'latencyMs' | 'ttftMs' | 'createdAtMs'>;

/** A rollup table: its key columns (bucket_start always third) and whether it keeps latency histograms. */
export interface RollupTable {
  table: string;
  keys: string[];
  histograms: boolean;
}

export const ORG_TABLE: RollupTable = { table: 'usage_org_rollups', keys: ['org_id', 'grain', 'bucket_start'], histograms: true };
export const AGENT_TABLE: RollupTable = {
  table: 'usage_rollups', keys: ['org_id', 'grain', 'bucket_start', 'agent_id', 'workspace_id', 'agent_group_id'], histograms: true,
};
export const MODEL_TABLE: RollupTable = { table: 'usage_model_rollups', keys: [...AGENT_TABLE.keys, 'model'], histograms: false };
export const ROLLUP_TABLES = [ORG_TABLE, AGENT_TABLE, MODEL_TABLE];

export interface Delta {
  /** Values of the table's key columns; bucket_start as epoch ms. */
  key: (string | number)[];
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costMicro: number;
  latency: Histogram;
  ttft: Histogram;
}

/** Last local day seen per zone: events arrive in time order, so most need no time zone computation (~20 µs). */
export type DayCache = Map<string, Day>;

export class RollupDeltas {
  /** Per table name: row key → sums. */
  readonly rows = new Map<string, Map<string, Delta>>(ROLLUP_TABLES.map((t) => [t.table, new Map()]));
  private readonly zones: Map<string, string>;
  private readonly days: DayCache;

  /** `zones`: each org's (validated) IANA zone, for day buckets. */
  constructor(zones: Map<string, string>, days: DayCache = new Map()) {
    this.zones = zones;
    this.days = days;
  }

  private dayStart(orgId: string, at: number): number {
    const zone = this.zones.get(orgId) ?? 'UTC';
    const d = this.days.get(zone);
    if (d && at >= d.start && at < d.end) return d.start;
    const [day] = localDays(at, at + 1, zone);
    this.days.set(zone, day!);
    return day!.start;
  }

  add(e: UsageRollupEvent): void {
    for (const [grain, start] of [['hour', floorHour(e.createdAtMs)], ['day', this.dayStart(e.orgId, e.createdAtMs)]] as const) {
      const org = [e.orgId, grain, start];
      const agent = [...org, e.agentId, e.workspaceId, e.agentGroupId];
      this.count(ORG_TABLE, org, e);
      this.count(AGENT_TABLE, agent, e);
      this.count(MODEL_TABLE, [...agent, e.model], e);
    }
  }

  private count(t: RollupTable, key: (string | number)[], e: UsageRollupEvent): void {
    const rows = this.rows.get(t.table)!;
    const k = key.join('\u0000');
    let d = rows.get(k);
    if (!d) rows.set(k, (d = { key, requests: 0, errors: 0, inputTokens: 0, outputTokens: 0, costMicro: 0, latency: {}, ttft: {} }));
    d.requests += 1;
    if (e.status >= 400) d.errors += 1;
    d.inputTokens += e.inputTokens;
    d.outputTokens += e.outputTokens;
    d.costMicro += e.costMicro;
    if (!t.histograms) return;
    addValue(d.latency, e.latencyMs);
    if (e.ttftMs !== null) addValue(d.ttft, e.ttftMs);
  }
}
