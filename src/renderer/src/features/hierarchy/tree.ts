import type { Hierarchy } from './useHierarchy.ts';
import type { NodeKind } from './useNodeActions.ts';

export interface TreeNode {
  kind: NodeKind;
  id: string;
  name: string;
  status: string;
  /** Why an agent was disabled (by a user, or automatically by a budget). */
  reason: string | null;
  children: TreeNode[];
}

/** workspaces → groups → agents, in creation order. */
export function buildTree(h: Hierarchy): TreeNode[] {
  return h.workspaces.map((w) => ({
    kind: 'workspace', id: w.id, name: w.name, status: w.status, reason: null,
    children: h.groups.filter((g) => g.workspaceId === w.id).map((g) => ({
      kind: 'group', id: g.id, name: g.name, status: g.status, reason: null,
      children: h.agents.filter((a) => a.agentGroupId === g.id).map((a) => ({
        kind: 'agent', id: a.id, name: a.name, status: a.status, reason: a.disabledReason, children: [],
      })),
    })),
  }));
}

/** Keeps nodes whose name matches and the ancestors of those; a matching parent keeps all its children. */
export function filterTree(nodes: TreeNode[], query: string): TreeNode[] {
  const q = query.trim().toLowerCase();
  if (!q) return nodes;
  const out: TreeNode[] = [];
  for (const n of nodes) {
    if (n.name.toLowerCase().includes(q) || n.id.toLowerCase() === q) out.push(n);
    else {
      const children = filterTree(n.children, q);
      if (children.length > 0) out.push({ ...n, children });
    }
  }
  return out;
}

export function countAgents(n: TreeNode): number {
  return n.kind === 'agent' ? 1 : n.children.reduce((s, c) => s + countAgents(c), 0);
}
