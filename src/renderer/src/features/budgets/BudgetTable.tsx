import { Button, EmptyState, Group, Table, Text } from '@mantine/core';
import { LevelBadge } from '../../components/LevelBadge.tsx';
import { GaugeIcon } from '../../components/icons.tsx';
import { formatMicroCredits } from '../../lib/format.ts';
import type { Budget } from '../../trpc/types.ts';
import type { Hierarchy } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { PERIOD_LABEL } from './budgetMath.ts';

/** All budgets of the org, org level first. */
export function BudgetTable({ budgets, hierarchy, onEdit, onDelete }: {
  budgets: Budget[]; hierarchy: Hierarchy; onEdit: (b: Budget) => void; onDelete: (b: Budget) => void;
}) {
  const { can } = useOrg();
  if (budgets.length === 0) {
    return <EmptyState icon={<GaugeIcon size={28} />} title="No budgets yet" description="A budget caps what a level may spend per day, per month or in total." />;
  }
  const order = ['org', 'workspace', 'group', 'agent'];
  const sorted = [...budgets].sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope));
  return (
    <div className="tg-table-scroll">
      <Table verticalSpacing="xs" aria-label="Budgets">
        <Table.Thead>
          <Table.Tr><Table.Th>Level</Table.Th><Table.Th>Period</Table.Th><Table.Th ta="right">Limit (credits)</Table.Th>
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
