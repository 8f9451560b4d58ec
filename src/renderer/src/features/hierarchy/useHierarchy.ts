import { useQueries } from '@tanstack/react-query';
import { useTRPC } from '../../trpc/client.ts';
import type { Agent, AgentGroup, Workspace } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';

export type Scope = 'org' | 'workspace' | 'group' | 'agent';
export interface Target { scope: Scope; id: string }

export interface Hierarchy {
  workspaces: Workspace[];
  groups: AgentGroup[];
  agents: Agent[];
  workspace: (id: string) => Workspace | undefined;
  group: (id: string) => AgentGroup | undefined;
  agent: (id: string) => Agent | undefined;
  /** "Workspace Research", "Org Acme"… for any level. */
  nameOf: (scope: Scope, id: string) => string;
  /** org → workspace → group → agent, for an agent. */
  chainOf: (agentId: string) => Target[];
  /** Targets at or under `target` (for "preview for an agent under this level"). */
  agentsUnder: (target: Target) => Agent[];
  /** True when a level above the node is disabled, so requests are refused although the node is active. */
  offViaParent: (scope: Scope, id: string) => boolean;
}

/** The org's whole tree, loaded in three list calls and joined here; every page that names levels uses it. */
export function useHierarchy(opts: { live?: boolean } = {}) {
  const trpc = useTRPC();
  const { orgId, org } = useOrg();
  const refetchInterval = opts.live ? 2000 : false;
  const [ws, gs, as] = useQueries({
    queries: [
      { ...trpc.workspaces.list.queryOptions({ orgId }), refetchInterval },
      { ...trpc.agentGroups.list.queryOptions({ orgId }), refetchInterval },
      { ...trpc.agents.list.queryOptions({ orgId }), refetchInterval },
    ],
  });
  const isPending = ws.isPending || gs.isPending || as.isPending;
  const error = ws.error ?? gs.error ?? as.error;
  const refetch = () => { void ws.refetch(); void gs.refetch(); void as.refetch(); };
  if (!ws.data || !gs.data || !as.data) return { isPending, error, refetch, data: null };

  const workspaces = ws.data;
  const groups = gs.data;
  const agents = as.data;
  const wMap = new Map(workspaces.map((w) => [w.id, w]));
  const gMap = new Map(groups.map((g) => [g.id, g]));
  const aMap = new Map(agents.map((a) => [a.id, a]));
  const data: Hierarchy = {
    workspaces, groups, agents,
    workspace: (id) => wMap.get(id),
    group: (id) => gMap.get(id),
    agent: (id) => aMap.get(id),
    nameOf: (scope, id) => {
      if (scope === 'org') return org.name;
      const n = scope === 'workspace' ? wMap.get(id) : scope === 'group' ? gMap.get(id) : aMap.get(id);
      return n?.name ?? id;
    },
    chainOf: (agentId) => {
      const a = aMap.get(agentId);
      if (!a) return [];
      return [{ scope: 'org', id: orgId }, { scope: 'workspace', id: a.workspaceId }, { scope: 'group', id: a.agentGroupId },
        { scope: 'agent', id: a.id }];
    },
    agentsUnder: (t) => agents.filter((a) => t.scope === 'org' || (t.scope === 'workspace' && a.workspaceId === t.id)
      || (t.scope === 'group' && a.agentGroupId === t.id) || (t.scope === 'agent' && a.id === t.id)),
    offViaParent: (scope, id) => {
      if (org.status !== 'active') return true;
      if (scope === 'group') return wMap.get(gMap.get(id)?.workspaceId ?? '')?.status === 'disabled';
      if (scope === 'agent') {
        const a = aMap.get(id);
        return wMap.get(a?.workspaceId ?? '')?.status === 'disabled' || gMap.get(a?.agentGroupId ?? '')?.status === 'disabled';
      }
      return false;
    },
  };
  return { isPending, error, refetch, data };
}

export const SCOPE_LABEL: Record<Scope, string> = { org: 'Organization', workspace: 'Workspace', group: 'Agent group', agent: 'Agent' };
