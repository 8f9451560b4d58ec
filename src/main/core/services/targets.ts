import type { Scope } from '../db/schema/enums.ts';
import { notFound } from '../lib/errors.ts';
import type { ServiceDeps } from './deps.ts';
import { getNode } from './hierarchy.ts';

export interface Target {
  scope: Scope;
  id: string;
}

/** Columns for a policy/budget row that targets exactly one level (the DB CHECK enforces the same). */
export async function targetColumns(deps: ServiceDeps, orgId: string, target: Target) {
  const cols = { scope: target.scope, targetId: target.id, workspaceId: null as string | null, agentGroupId: null as string | null,
    agentId: null as string | null };
  if (target.scope === 'org') {
    if (target.id !== orgId) throw notFound('organization');
  } else if (target.scope === 'workspace') {
    await getNode(deps, 'workspace', orgId, target.id);
    cols.workspaceId = target.id;
  } else if (target.scope === 'group') {
    await getNode(deps, 'group', orgId, target.id);
    cols.agentGroupId = target.id;
  } else {
    await getNode(deps, 'agent', orgId, target.id);
    cols.agentId = target.id;
  }
  return cols;
}

/** The agent's chain of targets, from org down to the agent. */
export async function agentChain(deps: ServiceDeps, orgId: string, agentId: string): Promise<Target[]> {
  const agent = await getNode(deps, 'agent', orgId, agentId);
  return [
    { scope: 'org', id: orgId },
    { scope: 'workspace', id: agent.workspaceId },
    { scope: 'group', id: agent.agentGroupId },
    { scope: 'agent', id: agentId },
  ];
}
