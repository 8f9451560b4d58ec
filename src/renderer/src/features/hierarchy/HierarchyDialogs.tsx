import { Text } from '@mantine/core';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useOrg } from '../orgs/OrgContext.tsx';
import { NameDialog } from './NameDialog.tsx';
import type { RowAction } from './NodeRow.tsx';
import { countAgents } from './tree.ts';
import { KIND_LABEL, useNodeActions } from './useNodeActions.ts';

export type DialogState = RowAction | { type: 'create'; kind: 'workspace' } | null;

/** The create / rename / delete dialogs of the hierarchy page; disable and enable need no dialog. */
export function HierarchyDialogs({ state, onClose }: { state: DialogState; onClose: () => void }) {
  const { orgId } = useOrg();
  const act = useNodeActions();
  const done = { onSuccess: onClose };
  if (!state || state.type === 'disable' || state.type === 'enable') return null;
  if (state.type === 'create') {
    const kindLabel = KIND_LABEL[state.kind];
    const parent = 'parent' in state ? state.parent : null;
    return (
      <NameDialog opened title={parent ? `New ${kindLabel.toLowerCase()} in ${parent.name}` : `New ${kindLabel.toLowerCase()}`}
        label={`${kindLabel} name`} submitLabel={`Create ${kindLabel.toLowerCase()}`} loading={act.isPending}
        onClose={onClose}
        onSubmit={(name) => act.mutate({ op: 'create', kind: state.kind, parentId: parent?.id ?? orgId, name }, done)} />
    );
  }
  const { node } = state;
  if (state.type === 'rename') {
    return (
      <NameDialog opened title={`Rename ${KIND_LABEL[node.kind].toLowerCase()}`} label="New name" initial={node.name}
        submitLabel="Rename" loading={act.isPending} onClose={onClose}
        onSubmit={(name) => act.mutate({ op: 'rename', kind: node.kind, id: node.id, name }, done)} />
    );
  }
  const agents = countAgents(node);
  return (
    <ConfirmDialog opened title={`Delete ${KIND_LABEL[node.kind].toLowerCase()} “${node.name}”?`}
      confirmLabel="Delete" loading={act.isPending} onClose={onClose}
      onConfirm={() => act.mutate({ op: 'delete', kind: node.kind, id: node.id, name: node.name }, done)}>
      <Text size="sm">
        {node.kind === 'agent'
          ? 'The agent and all its keys are deleted; agents using those keys are refused from now on.'
          : `Everything under it goes too: ${node.kind === 'workspace' ? `${node.children.length} group(s), ` : ''}`
            + `${agents} agent(s) and their keys, policies and budgets.`}
      </Text>
      <Text size="sm" mt="xs" c="dimmed">The credit ledger and audit log keep their history. This cannot be undone.</Text>
    </ConfirmDialog>
  );
}
