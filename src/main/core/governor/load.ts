// Reads the governor's state from the database: everything at start, then single orgs, budgets or nodes when a
// change event says they moved. Balances and spend come from the rollups the writer keeps with the entries.
import { eq, gte, or } from 'drizzle-orm';
import type { AgentStatus } from '../db/schema/enums.ts';
import { safeZone } from '../ledger/periods.ts';
import type { ServiceDeps } from '../services/deps.ts';
import type { BudgetDef } from './state.ts';
import { OrgState } from './state.ts';

const DAY = 86_400_000;

export type NodeTable = 'workspace' | 'group' | 'agent';

export async function loadAll(deps: ServiceDeps, nowMs: number): Promise<{ orgs: Map<string, OrgState>; disabled: Set<string> }> {
  const { db, t } = deps.database;
  const orgs = new Map<string, OrgState>();
  for (const o of await db.select({ id: t.organizations.id, timezone: t.organizations.timezone, status: t.organizations.status })
    .from(t.organizations)) {
    orgs.set(o.id, new OrgState(o.id, safeZone(o.timezone), o.status));
  }
  for (const b of await db.select().from(t.orgBalances)) {
    const o = orgs.get(b.orgId);
    if (o) o.balanceMicro = b.balanceMicro;
  }
  const budgets = await db.select().from(t.budgets);
  for (const o of orgs.values()) o.setBudgets(budgets.filter((b) => b.orgId === o.id).map(toDef));
  // Current DAILY/MONTHLY buckets start within the last ~32 days; TOTAL rows have no period.
  const r = t.spendRollups;
  const rows = await db.select().from(r).where(or(eq(r.period, 'TOTAL'), gte(r.periodStart, new Date(nowMs - 32 * DAY))));
  for (const row of rows) {
    orgs.get(row.orgId)?.loadCounter(row.scope, row.targetId, row.period, row.periodStart.getTime(), row.spentMicro, nowMs);
  }
  const disabled = new Set<string>();
  for (const table of [t.workspaces, t.agentGroups, t.agents] as (typeof t.workspaces)[]) {
    for (const n of await db.select({ id: table.id }).from(table).where(eq(table.status, 'disabled'))) disabled.add(n.id);
  }
  return { orgs, disabled };
}

/** An org's row and budgets (not its balance or spend: after start those are the governor's own). */
export async function loadOrgMeta(deps: ServiceDeps, orgId: string) {
  const { db, t } = deps.database;
  const [org] = await db.select({ timezone: t.organizations.timezone, status: t.organizations.status })
    .from(t.organizations).where(eq(t.organizations.id, orgId));
  if (!org) return null;
  return { timezone: safeZone(org.timezone), status: org.status, budgets: await loadBudgets(deps, orgId) };
}

export async function loadBudgets(deps: ServiceDeps, orgId: string): Promise<BudgetDef[]> {
  const { db, t } = deps.database;
  return (await db.select().from(t.budgets).where(eq(t.budgets.orgId, orgId))).map(toDef);
}

/** A node's status; null when it no longer exists. */
export async function loadNodeStatus(deps: ServiceDeps, kind: NodeTable, id: string): Promise<AgentStatus | null> {
  const { db, t } = deps.database;
  const table = (kind === 'workspace' ? t.workspaces : kind === 'group' ? t.agentGroups : t.agents) as typeof t.workspaces;
  const [row] = await db.select({ status: table.status }).from(table).where(eq(table.id, id));
  return row?.status ?? null;
}

function toDef(b: { id: string; scope: BudgetDef['scope']; targetId: string; period: BudgetDef['period']; limitMicro: number;
  autoDisable: boolean }): BudgetDef {
  return { id: b.id, scope: b.scope, targetId: b.targetId, period: b.period, limitMicro: b.limitMicro, autoDisable: b.autoDisable,
    heldMicro: 0 };
}
