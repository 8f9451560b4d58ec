import { ActionIcon, Anchor, Badge, Group, Highlight, Menu, Text, Tooltip } from '@mantine/core';
import { BotIcon, ChevronDownIcon, ChevronRightIcon, DotsIcon, FolderIcon, GroupIcon, PlusIcon } from '../../components/icons.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { agentHref } from '../../router/routes.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import type { TreeNode } from './tree.ts';
import { countAgents } from './tree.ts';
import { KIND_LABEL } from './useNodeActions.ts';

export type RowAction =
  | { type: 'create'; kind: 'group' | 'agent'; parent: TreeNode }
  | { type: 'rename' | 'delete' | 'disable' | 'enable'; node: TreeNode };

const ICON = { workspace: FolderIcon, group: GroupIcon, agent: BotIcon };
const CHILD = { workspace: 'group', group: 'agent' } as const;

interface Props {
  node: TreeNode;
  depth: number;
  expanded: boolean;
  onToggle: () => void;
  query: string;
  offViaParent: boolean;
  onAction: (a: RowAction) => void;
}

/** One line of the tree: expander, name (agents link to their page), status, and a menu of what can be done. */
export function NodeRow({ node, depth, expanded, onToggle, query, offViaParent, onAction }: Props) {
  const { orgId, can } = useOrg();
  const Icon = ICON[node.kind];
  const child = node.kind === 'agent' ? null : CHILD[node.kind];
  const label = `${KIND_LABEL[node.kind]} ${node.name}`;
  return (
    <Group gap="xs" wrap="nowrap" py={6} px="xs" pl={`calc(${depth} * 1.5rem + 0.5rem)`} className="tg-tree-row"
      data-testid={`node-${node.kind}`} data-name={node.name}>
      {child ? (
        <ActionIcon variant="subtle" color="gray" size="sm" onClick={onToggle} aria-expanded={expanded}
          aria-label={`${expanded ? 'Collapse' : 'Expand'} ${label}`}>
          {expanded ? <ChevronDownIcon size={16} /> : <ChevronRightIcon size={16} />}
        </ActionIcon>
      ) : <span style={{ width: 22, flex: 'none' }} />}
      <Icon size={16} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <Group gap="xs" wrap="nowrap">
          {node.kind === 'agent' ? (
            <Anchor href={agentHref(orgId, node.id)} fw={500} size="sm" truncate>
              <Highlight component="span" highlight={query} size="sm" inherit>{node.name}</Highlight>
            </Anchor>
          ) : (
            <Highlight component="span" highlight={query} size="sm" fw={600} truncate>{node.name}</Highlight>
          )}
          <StatusBadge status={node.status} inherited={offViaParent} />
          {node.kind !== 'agent' && (
            <Text size="xs" c="dimmed" visibleFrom="xs">{countAgents(node)} agent{countAgents(node) === 1 ? '' : 's'}</Text>
          )}
          {node.reason && node.status === 'disabled' && <Badge size="xs" variant="outline" color="gray">{node.reason}</Badge>}
        </Group>
      </div>
      {child && can('member') && (
        <Tooltip label={`Add ${KIND_LABEL[child].toLowerCase()}`}>
          <ActionIcon variant="subtle" onClick={() => onAction({ type: 'create', kind: child, parent: node })}
            aria-label={`Add ${KIND_LABEL[child].toLowerCase()} to ${node.name}`}>
            <PlusIcon size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {can('member') && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${label}`}><DotsIcon size={16} /></ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => onAction({ type: 'rename', node })}>Rename…</Menu.Item>
            {node.status === 'active'
              ? <Menu.Item onClick={() => onAction({ type: 'disable', node })}>Disable</Menu.Item>
              : <Menu.Item onClick={() => onAction({ type: 'enable', node })}>Enable</Menu.Item>}
            {can('admin') && (
              <>
                <Menu.Divider />
                <Menu.Item color="red" onClick={() => onAction({ type: 'delete', node })}>Delete…</Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      )}
    </Group>
  );
}
