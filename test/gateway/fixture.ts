import { afterAll, beforeAll } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { registerUser, startApp } from '../helpers/app.ts';
import type { Engine } from '../helpers/engines.ts';
import type { CoreConfigInput } from '../../src/main/core/config.ts';
import { startFakeOpenAI } from '../providers/helpers/fake-openai.ts';
import type { TestServer } from '../providers/helpers/server.ts';

export interface GatewayFixture {
  t: TestApp;
  url: string;
  ownerId: string;
  orgId: string;
  workspaceId: string;
  groupId: string;
  agentId: string;
  apiKeyId: string;
  key: string;
  /** Another agent with its own key in the same org. */
  newKey(name?: string): Promise<{ agentId: string; key: string; apiKeyId: string }>;
  api: ReturnType<TestApp['as']>;
}

/** A listening Tollgate with an org, workspace, group, agent, key and `credits` bought. */
export async function startGateway(engine: Engine, opts: { credits?: number; config?: Partial<CoreConfigInput> } = {}): Promise<GatewayFixture> {
  const t = await startApp(engine, { config: opts.config ?? {} });
  const url = await t.app.listen();
  const owner = await registerUser(t, 'gw-owner@example.com');
  const api = t.as(owner.id);
  const [org] = await api.orgs.listMine();
  const ws = await api.workspaces.create({ orgId: org!.id, name: 'Gateway' });
  const grp = await api.agentGroups.create({ workspaceId: ws.id, name: 'Agents' });
  const newKey = async (name = `agent-${Math.random().toString(36).slice(2, 8)}`) => {
    const agent = await api.agents.create({ agentGroupId: grp.id, name });
    const k = await api.apiKeys.create({ agentId: agent.id, name: 'test' });
    return { agentId: agent.id, key: k.plaintext, apiKeyId: k.key.id };
  };
  const first = await newKey('agent-1');
  if ((opts.credits ?? 100) > 0) {
    await api.credits.purchase({ orgId: org!.id, amountCredits: opts.credits ?? 100, idempotencyKey: 'fixture-credits' });
  }
  return {
    t, url, ownerId: owner.id, orgId: org!.id, workspaceId: ws.id, groupId: grp.id, agentId: first.agentId,
    apiKeyId: first.apiKeyId, key: first.key, newKey, api,
  };
}

/**
 * For a describe block: a gateway and a fake OpenAI-compatible upstream, started before its tests and closed after.
 * Tests read `f` and `upstream` from the returned object, which beforeAll fills in.
 */
export function gatewayWithFakeOpenAI(engine: Engine): { f: GatewayFixture; upstream: TestServer } {
  const s = {} as { f: GatewayFixture; upstream: TestServer };
  beforeAll(async () => {
    if (!engine.available) return;
    s.upstream = await startFakeOpenAI();
    s.f = await startGateway(engine);
  });
  afterAll(async () => {
    await s.f?.t.close();
    await s.upstream?.close();
  });
  return s;
}

/** Charges in the ledger for this org, as {requestId, amountMicro}. */
export async function charges(f: GatewayFixture): Promise<{ requestId: string | null; amountMicro: number }[]> {
  const { db, t } = f.t.app.database;
  const rows = await db.select().from(t.ledgerEntries);
  return rows.filter((r) => r.orgId === f.orgId && r.kind === 'charge').map((r) => ({ requestId: r.requestId, amountMicro: r.amountMicro }));
}

export async function usageRows(f: GatewayFixture) {
  const { db, t } = f.t.app.database;
  return (await db.select().from(t.usageEvents)).filter((r) => r.orgId === f.orgId);
}
