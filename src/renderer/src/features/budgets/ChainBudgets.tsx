import { Badge, EmptyState, Table, Text } from '@mantine/core';
import { GaugeIcon } from '../../components/icons.tsx';
import { formatMicroCredits } from '../../lib/format.ts';
import type { Budget } from '../../trpc/types.ts';
import type { Hierarchy } from '../hierarchy/useHierarchy.ts';
import { SetBy } from '../policies/EffectiveLimits.tsx';
import { PERIOD_LABEL, tightestByPeriod } from './budgetMath.ts';

/** The budgets on an agent's chain, the binding one per period marked. */
export function ChainBudgets({ budgets, hierarchy }: { budgets: Budget[]; hierarchy: Hierarchy | null }) {
  if (budgets.length === 0) {
    return <EmptyState size="sm" icon={<GaugeIcon />} title="No budgets" description="Nothing caps this agent's spend except the org balance." />;
  }
  const tight = tightestByPeriod(budgets);
  return (
    <div className="tg-table-scroll">
      <Table verticalSpacing="xs" aria-label="Budgets that apply">
        <Table.Thead><Table.Tr><Table.Th>Period</Table.Th><Table.Th>Limit</Table.Th><Table.Th>Set by</Table.Th><Table.Th>When reached</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {budgets.map((b) => (
            <Table.Tr key={b.id} data-testid="chain-budget-row">
              <Table.Td>
                {PERIOD_LABEL[b.period]}{' '}
                {tight[b.period]?.id === b.id && budgets.filter((x) => x.period === b.period).length > 1
                  && <Badge size="xs" variant="outline">binding</Badge>}
              </Table.Td>
              <Table.Td fw={500}>{formatMicroCredits(b.limitMicro)} credits</Table.Td>
              <Table.Td><SetBy scope={b.scope} targetId={b.targetId} hierarchy={hierarchy} /></Table.Td>
              <Table.Td><Text size="sm">{b.autoDisable ? `requests refused and ${b.scope} disabled` : 'requests refused'}</Text></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
