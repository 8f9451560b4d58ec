import { useState } from 'react';
import { Box } from '@mantine/core';
import type { RowAction } from './NodeRow.tsx';
import { NodeRow } from './NodeRow.tsx';
import type { TreeNode } from './tree.ts';
import type { Hierarchy } from './useHierarchy.ts';

interface Props {
  nodes: TreeNode[];
  hierarchy: Hierarchy;
  query: string;
  onAction: (a: RowAction) => void;
}

/** Nested lists (workspaces → groups → agents); everything starts expanded, and a search expands what matches. */
export function HierarchyTree({ nodes, hierarchy, query, onAction }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setCollapsed((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id); else next.add(id);
    return next;
  });
  const render = (list: TreeNode[], depth: number) => (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}
      aria-label={depth === 0 ? 'Workspaces, groups and agents' : undefined}>
      {list.map((n) => {
        const expanded = query.trim() !== '' || !collapsed.has(n.id);
        return (
          <li key={n.id}>
            <NodeRow node={n} depth={depth} expanded={expanded} onToggle={() => toggle(n.id)} query={query}
              offViaParent={n.status === 'active' && hierarchy.offViaParent(n.kind, n.id)} onAction={onAction} />
            {expanded && n.children.length > 0 && render(n.children, depth + 1)}
          </li>
        );
      })}
    </Box>
  );
  return render(nodes, 0);
}
