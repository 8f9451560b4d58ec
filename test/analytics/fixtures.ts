// Usage events for analytics tests: an org with two workspaces and three agents, events inserted the way the ledger
// writer inserts them (raw SQL + applyUsageRollups in one transaction), and a deterministic random generator.
import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { applyUsageRollups } from '../../src/main/core/analytics/rollup-write.ts';
import { clientOf } from '../../src/main/core/analytics/sql.ts';
import type { Database } from '../../src/main/core/db/types.ts';
import type { UsageInput } from '../../src/main/core/ledger/types.ts';
import type { TestApp } from '../helpers/app.ts';
import { registerUser } from '../helpers/app.ts';

export interface UsageOrg {
  orgId: string;
  ownerId: string;
  /** w1 holds agents a1, a2 (group g1); w2 holds a3 (group g2). */
  ws: { w1: string; w2: string };
  groups: { g1: string; g2: string };
  agents: { a1: string; a2: string; a3: string };
  api: ReturnType<TestApp['as']>;
}

let seq = 0;

export async function setupUsageOrg(t: TestApp, timezone?: string): Promise<UsageOrg> {
  seq += 1;
  const owner = await registerUser(t, `usage${seq}.${Date.now()}@example.com`);
  const api = t.as(owner.id);
  const org = (await api.orgs.listMine())[0] ?? (await api.orgs.create({ name: `usage org ${seq}` }));
  if (timezone) await api.orgs.setTimezone({ orgId: org.id, timezone });
  const w1 = await api.workspaces.create({ orgId: org.id, name: 'Research' });
  const w2 = await api.workspaces.create({ orgId: org.id, name: 'Support' });
  const g1 = await api.agentGroups.create({ workspaceId: w1.id, name: 'G1' });
  const g2 = await api.agentGroups.create({ workspaceId: w2.id, name: 'G2' });
  const a1 = await api.agents.create({ agentGroupId: g1.id, name: 'crawler' });
  const a2 = await api.agents.create({ agentGroupId: g1.id, name: 'writer' });
  const a3 = await api.agents.create({ agentGroupId: g2.id, name: 'helpdesk' });
  return {
    orgId: org.id, ownerId: owner.id, api,
    ws: { w1: w1.id, w2: w2.id }, groups: { g1: g1.id, g2: g2.id }, agents: { a1: a1.id, a2: a2.id, a3: a3.id },
  };
}

let eventSeq = 0;

/** One usage event of `agent` ('a1' | 'a2' | 'a3') with sensible defaults. */
export function ev(o: UsageOrg, agent: keyof UsageOrg['agents'], at: number, fields: Partial<UsageInput> = {}): UsageInput {
  eventSeq += 1;
  const inW2 = agent === 'a3';
  return {
    id: `use_${String(eventSeq).padStart(8, '0')}`, orgId: o.orgId, requestId: `req_${o.orgId}_${eventSeq}`,
    workspaceId: inW2 ? o.ws.w2 : o.ws.w1, agentGroupId: inW2 ? o.groups.g2 : o.groups.g1, agentId: o.agents[agent],
    apiKeyId: 'key_test', endpoint: '/v1/chat/completions', model: 'gpt-4o-mini', provider: 'openai', status: 200,
    errorCode: null, inputTokens: 100, outputTokens: 50, costMicro: 1000, estimated: false, credentialSource: 'managed',
    latencyMs: 10, ttftMs: null, createdAtMs: at, ...fields,
  };
}

const COLS = ['id', 'org_id', 'request_id', 'workspace_id', 'agent_group_id', 'agent_id', 'api_key_id', 'endpoint', 'model',
  'provider', 'status', 'error_code', 'input_tokens', 'output_tokens', 'cost_micro', 'estimated', 'credential_source',
  'latency_ms', 'ttft_ms', 'created_at'];

const values = (u: UsageInput, pgDates: boolean): unknown[] => [u.id, u.orgId, u.requestId, u.workspaceId, u.agentGroupId,
  u.agentId, u.apiKeyId, u.endpoint, u.model, u.provider, u.status, u.errorCode, u.inputTokens, u.outputTokens, u.costMicro,
  pgDates ? u.estimated : (u.estimated ? 1 : 0), u.credentialSource, u.latencyMs, u.ttftMs,
  pgDates ? new Date(u.createdAtMs) : u.createdAtMs];

/** Inserts events and updates the rollups in one transaction, as the ledger writer does. */
export async function writeUsage(database: Database, events: UsageInput[], opts: { rollups?: boolean } = {}): Promise<void> {
  const rollups = opts.rollups ?? true;
  const client = clientOf(database);
  if (database.dialect === 'sqlite') {
    const db = client as BetterSqlite3.Database;
    const ins = db.prepare(`INSERT INTO usage_events (${COLS.join(', ')}) VALUES (${COLS.map(() => '?').join(', ')})`);
    await database.tx(async () => {
      for (const e of events) ins.run(...values(e, false));
      if (rollups) applyUsageRollups(db, events);
    });
    return;
  }
  const c = await (client as pg.Pool).connect();
  try {
    await c.query('BEGIN');
    for (const e of events) {
      await c.query(`INSERT INTO usage_events (${COLS.join(', ')}) VALUES (${COLS.map((_, i) => `$${i + 1}`).join(', ')})`,
        values(e, true));
    }
    if (rollups) await applyUsageRollups(c, events);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}

/** A small deterministic PRNG so failures reproduce. */
export { mulberry32 as prng } from '../../src/main/core/lib/prng.ts';

export const at = (iso: string): number => new Date(iso).getTime();
