import { useState } from 'react';
import { Button, Card, Center, Grid, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { PlusIcon } from '../../components/icons.tsx';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatMicroCredits } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { Budget } from '../../trpc/types.ts';
import { useHierarchy } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { BudgetDialog } from './BudgetDialog.tsx';
import { BudgetTable } from './BudgetTable.tsx';
import { chainBudgets, PERIOD_LABEL } from './budgetMath.ts';
import { ChainBudgets } from './ChainBudgets.tsx';

/** Budgets at every level, and for any agent the budgets that bind it. */
export function BudgetsPage() {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const h = useHierarchy();
  const budgets = useQuery(trpc.budgets.list.queryOptions({ orgId }));
  const [dialog, setDialog] = useState<{ editing: Budget | null } | null>(null);
  const [deleting, setDeleting] = useState<Budget | null>(null);
  const [agentId, setAgentId] = useState<string | null>(null);
  const remove = useAction(trpc.budgets.delete.mutationOptions(), { success: 'Budget deleted' });
  const error = h.error ?? budgets.error;
  const previewAgent = agentId ?? h.data?.agents[0]?.id ?? null;
  return (
    <>
      <PageHeader title="Budgets" description="Caps on spend per level and period. Every budget on an agent's chain applies; requests that would pass one are refused before they reach a provider."
        actions={can('admin') && <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ editing: null })}>New budget</Button>} />
      {(h.isPending || budgets.isPending) && <Center p="xl"><Loader size="sm" aria-label="Loading budgets" /></Center>}
      {error && <ErrorAlert title="Could not load budgets" error={error} retry={() => { h.refetch(); void budgets.refetch(); }} />}
      {h.data && budgets.data && (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Card withBorder radius="md" padding="lg">
              <BudgetTable budgets={budgets.data} hierarchy={h.data} onEdit={(b) => setDialog({ editing: b })} onDelete={setDeleting} />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Card withBorder radius="md" padding="lg">
              <Stack gap="sm">
                <Title order={2} size="h4">What applies to an agent</Title>
                {h.data.agents.length === 0 ? <Text size="sm" c="dimmed">No agents yet.</Text> : (
                  <>
                    <Select label="Agent" searchable allowDeselect={false} value={previewAgent} onChange={setAgentId}
                      data={h.data.agents.map((a) => ({ value: a.id, label: a.name }))} />
                    {previewAgent && <ChainBudgets budgets={chainBudgets(budgets.data, h.data.chainOf(previewAgent))} hierarchy={h.data} />}
                  </>
                )}
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      )}
      {h.data && <BudgetDialog opened={dialog !== null} onClose={() => setDialog(null)} hierarchy={h.data} editing={dialog?.editing ?? null} />}
      <ConfirmDialog opened={deleting !== null} onClose={() => setDeleting(null)} confirmLabel="Delete budget" loading={remove.isPending}
        title={`Delete this ${deleting ? PERIOD_LABEL[deleting.period].toLowerCase() : ''} budget?`}
        onConfirm={() => deleting && remove.mutate({ budgetId: deleting.id }, { onSuccess: () => setDeleting(null) })}>
        {deleting && `The ${formatMicroCredits(deleting.limitMicro)}-credit cap on ${h.data?.nameOf(deleting.scope, deleting.targetId) ?? ''} stops applying at once.`}
      </ConfirmDialog>
    </>
  );
}
