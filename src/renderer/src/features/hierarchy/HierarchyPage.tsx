import { useState } from 'react';
import { Button, EmptyState, Group, Paper, TextInput } from '@mantine/core';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PlusIcon, SearchIcon, TreeIcon } from '../../components/icons.tsx';
import { Center, Loader } from '@mantine/core';
import { useOrg } from '../orgs/OrgContext.tsx';
import type { DialogState } from './HierarchyDialogs.tsx';
import { HierarchyDialogs } from './HierarchyDialogs.tsx';
import { HierarchyTree } from './HierarchyTree.tsx';
import type { RowAction } from './NodeRow.tsx';
import { buildTree, filterTree } from './tree.ts';
import { useHierarchy } from './useHierarchy.ts';
import { useNodeActions } from './useNodeActions.ts';

/** Workspaces → groups → agents: create, rename, disable/enable and delete at every level, with search. */
export function HierarchyPage() {
  const { can } = useOrg();
  const h = useHierarchy();
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<DialogState>(null);
  const act = useNodeActions();
  const onAction = (a: RowAction) => {
    if (a.type === 'disable' || a.type === 'enable') {
      act.mutate({ op: a.type, kind: a.node.kind, id: a.node.id, name: a.node.name });
    } else setDialog(a);
  };
  const tree = h.data ? buildTree(h.data) : [];
  const shown = filterTree(tree, query);
  return (
    <>
      <PageHeader title="Agents" description="Organize agents into workspaces and groups. Policies and budgets set on a level apply to everything under it."
        actions={can('member') && (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ type: 'create', kind: 'workspace' })}>
            New workspace
          </Button>
        )} />
      <Paper withBorder p="md" radius="md">
        <Group mb="sm">
          <TextInput label="Search" placeholder="Filter by name" leftSection={<SearchIcon size={16} />} value={query}
            onChange={(e) => setQuery(e.currentTarget.value)} w={320} maw="100%" type="search" />
        </Group>
        {h.isPending && <Center p="xl"><Loader size="sm" aria-label="Loading agents" /></Center>}
        {h.error && <ErrorAlert title="Could not load the hierarchy" error={h.error} retry={h.refetch} />}
        {h.data && tree.length === 0 && (
          <EmptyState icon={<TreeIcon size={28} />} title="No workspaces yet"
            description="Create a workspace, then a group in it, then agents. Or follow Get started for a guided setup." />
        )}
        {h.data && tree.length > 0 && shown.length === 0 && (
          <EmptyState icon={<SearchIcon size={28} />} title="Nothing matches" description={`No workspace, group or agent is named like “${query}”.`} />
        )}
        {h.data && shown.length > 0 && <HierarchyTree nodes={shown} hierarchy={h.data} query={query} onAction={onAction} />}
      </Paper>
      <HierarchyDialogs state={dialog} onClose={() => setDialog(null)} />
    </>
  );
}
