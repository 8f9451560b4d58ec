import { useAction } from '../../lib/useAction.ts';
import { useTRPCClient } from '../../trpc/client.ts';

export type NodeKind = 'workspace' | 'group' | 'agent';
export type NodeOp =
  | { op: 'rename'; kind: NodeKind; id: string; name: string }
  | { op: 'disable' | 'enable' | 'delete'; kind: NodeKind; id: string; name: string }
  | { op: 'create'; kind: NodeKind; parentId: string; name: string };

export const KIND_LABEL: Record<NodeKind, string> = { workspace: 'Workspace', group: 'Agent group', agent: 'Agent' };

const PAST: Record<NodeOp['op'], string> = {
  rename: 'renamed', disable: 'disabled', enable: 'enabled', delete: 'deleted', create: 'created',
};

/** One mutation for the five node operations at the three levels, so dialogs need not know the procedure names. */
export function useNodeActions() {
  const client = useTRPCClient();
  return useAction({
    mutationFn: async (a: NodeOp): Promise<{ id: string }> => {
      if (a.op === 'create') {
        if (a.kind === 'workspace') return client.workspaces.create.mutate({ orgId: a.parentId, name: a.name });
        if (a.kind === 'group') return client.agentGroups.create.mutate({ workspaceId: a.parentId, name: a.name });
        return client.agents.create.mutate({ agentGroupId: a.parentId, name: a.name });
      }
      const api = a.kind === 'workspace' ? client.workspaces : a.kind === 'group' ? client.agentGroups : client.agents;
      const ref = a.kind === 'workspace' ? { workspaceId: a.id } : a.kind === 'group' ? { agentGroupId: a.id } : { agentId: a.id };
      // The three routers have the same procedures; their inputs differ only in the id field's name.
      const call = api as unknown as Record<string, { mutate: (input: object) => Promise<{ id: string }> }>;
      if (a.op === 'rename') return call.rename!.mutate({ ...ref, name: a.name });
      return call[a.op]!.mutate(ref);
    },
  }, {
    success: (_d, a) => `${KIND_LABEL[a.kind]} “${a.name}” ${PAST[a.op]}`,
    error: 'Could not change the hierarchy',
  });
}
