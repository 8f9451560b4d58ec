// An org with one workspace, one group and N agents, and credits bought through the API.
import type { Chain } from '../../src/main/core/governor/governor.ts';
import type { TestApp } from '../helpers/app.ts';
import { registerUser } from '../helpers/app.ts';

export interface Org {
  orgId: string;
  ownerId: string;
  workspaceId: string;
  groupId: string;
  agentIds: string[];
  chain(i?: number): Chain;
  api: ReturnType<TestApp['as']>;
}

let seq = 0;

export async function setupOrg(t: TestApp, o: { agents?: number; credits?: number } = {}): Promise<Org> {
  seq += 1;
  const owner = await registerUser(t, `owner${seq}.${Date.now()}@example.com`);
  const api = t.as(owner.id);
  // Only the first user of an instance gets an org at sign-up.
  const org = (await api.orgs.listMine())[0] ?? (await api.orgs.create({ name: `org ${seq}` }));
  const ws = await api.workspaces.create({ orgId: org.id, name: 'W' });
  const grp = await api.agentGroups.create({ workspaceId: ws.id, name: 'G' });
  const agentIds: string[] = [];
  for (let i = 0; i < (o.agents ?? 1); i += 1) agentIds.push((await api.agents.create({ agentGroupId: grp.id, name: `a${i}` })).id);
  if (o.credits) await api.credits.purchase({ orgId: org.id, amountCredits: o.credits, idempotencyKey: `seed-${seq}` });
  await t.app.money.governor.idle();
  return {
    orgId: org.id, ownerId: owner.id, workspaceId: ws.id, groupId: grp.id, agentIds, api,
    chain: (i = 0) => ({ orgId: org.id, workspaceId: ws.id, agentGroupId: grp.id, agentId: agentIds[i]! }),
  };
}

/** Micro-credits from credits. */
export const micro = (credits: number): number => Math.round(credits * 1_000_000);

/** Committed spend: -SUM(charges) for an org, optionally for one agent/workspace/group column. */
export async function committedSpend(t: TestApp, orgId: string, filter?: { col: 'agentId' | 'workspaceId' | 'agentGroupId'; id: string }) {
  const { db, t: tables } = t.app.database;
  const rows = await db.select().from(tables.ledgerEntries);
  return -rows.filter((r) => r.orgId === orgId && r.kind === 'charge' && (!filter || r[filter.col] === filter.id))
    .reduce((s, r) => s + r.amountMicro, 0);
}

export async function ledgerSum(t: TestApp, orgId: string): Promise<number> {
  const { db, t: tables } = t.app.database;
  const rows = await db.select().from(tables.ledgerEntries);
  return rows.filter((r) => r.orgId === orgId).reduce((s, r) => s + r.amountMicro, 0);
}

/** Yields to the event loop a random number of times, so concurrent cycles interleave differently. */
export async function jitter(rnd: () => number): Promise<void> {
  const n = Math.floor(rnd() * 4);
  for (let i = 0; i < n; i += 1) await new Promise((r) => setImmediate(r));
}

/** A small deterministic PRNG so failures reproduce. */
export { mulberry32 as prng } from '../../src/main/core/lib/prng.ts';
