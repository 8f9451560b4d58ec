import { Button, EmptyState, Group, Progress, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { LevelBadge } from '../../components/LevelBadge.tsx';
import { GaugeIcon } from '../../components/icons.tsx';
import { formatMicroCredits } from '../../lib/format.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { Budget } from '../../trpc/types.ts';
import type { Hierarchy } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { PERIOD_LABEL } from './budgetMath.ts';

/** All budgets of the org, org level first. */
export function BudgetTable({ budgets, hierarchy, onEdit, onDelete }: {
  budgets: Budget[]; hierarchy: Hierarchy; onEdit: (b: Budget) => void; onDelete: (b: Budget) => void;
}) {
  const { orgId, can } = useOrg();
  const trpc = useTRPC();
  // Spend in each budget's current period, live from the governor (committed plus settling charges).
  const status = useQuery({ ...trpc.budgets.status.queryOptions({ orgId }), refetchInterval: 2000 });
  const spentOf = (id: string) => status.data?.find((x) => x.budgetId === id);
  if (budgets.length === 0) {
    return <EmptyState icon={<GaugeIcon size={28} />} title="No budgets yet" description="A budget caps what a level may spend per day, per month or in total." />;
  }
  const order = ['org', 'workspace', 'group', 'agent'];
  const sorted = [...budgets].sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope));
  return (
    <div className="tg-table-scroll">
      <Table verticalSpacing="xs" aria-label="Budgets">
        <Table.Thead>
          <Table.Tr><Table.Th>Level</Table.Th><Table.Th>Period</Table.Th><Table.Th ta="right">Limit (credits)</Table.Th><Table.Th title="Spent in the current period">Spent</Table.Th>
            <Table.Th>When reached</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((b) => (
            <Table.Tr key={b.id} data-testid="budget-row">
              <Table.Td>
                <Group gap={6} wrap="wrap"><LevelBadge scope={b.scope} /><Text span size="sm" fw={500}>{hierarchy.nameOf(b.scope, b.targetId)}</Text></Group>
              </Table.Td>
              <Table.Td>{PERIOD_LABEL[b.period]}</Table.Td>
              <Table.Td ta="right" fw={500}>{formatMicroCredits(b.limitMicro)}</Table.Td>
              <Table.Td><SpentCell spentMicro={spentOf(b.id)?.spentMicro} limitMicro={b.limitMicro} /></Table.Td>
              <Table.Td><Text size="sm">{b.autoDisable ? 'refuse + disable' : 'refuse requests'}</Text></Table.Td>
              <Table.Td>
                {can('admin') && (
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => onEdit(b)}
                      aria-label={`Edit ${PERIOD_LABEL[b.period].toLowerCase()} budget of ${hierarchy.nameOf(b.scope, b.targetId)}`}>Edit</Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => onDelete(b)}
                      aria-label={`Delete ${PERIOD_LABEL[b.period].toLowerCase()} budget of ${hierarchy.nameOf(b.scope, b.targetId)}`}>Delete</Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function SpentCell({ spentMicro, limitMicro }: { spentMicro: number | undefined; limitMicro: number }) {
  if (spentMicro === undefined) return <Text size="sm" c="dimmed">—</Text>;
  const pct = Math.min(100, (spentMicro / limitMicro) * 100);
  return (
    <div style={{ whiteSpace: 'nowrap' }}>
      <Text size="sm">{formatMicroCredits(spentMicro)}</Text>
      <Progress w={56} value={pct} size="sm" color={pct >= 100 ? 'red' : pct >= 80 ? 'orange' : 'teal'}
        aria-label={`${pct.toFixed(0)} % of the budget spent`} title={`${pct.toFixed(0)} %`} />
    </div>
  );
}
