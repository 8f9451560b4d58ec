import { useState } from 'react';
import { Anchor, Card, EmptyState, Group, Progress, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ChartIcon } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatCredits, formatInt, formatPercent } from '../../lib/format.ts';
import { agentHref } from '../../router/routes.ts';
import type { Scope } from './scope.ts';
import { ANALYTICS_COMING, useUsageQuery } from './usageApi.ts';

/** The biggest spenders in the range; agents link to their page (drill-down to one agent). */
export function TopTable({ orgId, from, to, scope }: { orgId: string; from: string; to: string; scope: Scope }) {
  const [by, setBy] = useState<'agent' | 'model' | 'workspace'>('agent');
  const q = useQuery({ ...useUsageQuery('top', { orgId, from, to, ...scope, by, limit: 10 }, { live: true }), placeholderData: keepPreviousData });
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">Top {by === 'agent' ? 'agents' : by === 'model' ? 'models' : 'workspaces'}</Title>
        <SegmentedControl size="xs" aria-label="Rank" value={by} onChange={(v) => setBy(v as typeof by)}
          data={[{ value: 'agent', label: 'Agents' }, { value: 'model', label: 'Models' }, { value: 'workspace', label: 'Workspaces' }]} />
      </Group>
      <QueryState query={q} label="Loading top spenders" coming={ANALYTICS_COMING}>
        {(rows) => {
          if (rows.length === 0) return <EmptyState size="sm" icon={<ChartIcon />} title="Nothing spent in this range" />;
          const max = Math.max(...rows.map((r) => r.spendCredits), 1e-9);
          return (
            <Table verticalSpacing={6} fz="sm" aria-label={`Top ${by}s`}>
              <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th ta="right">Spend</Table.Th><Table.Th ta="right">Requests</Table.Th><Table.Th ta="right">Errors</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.key} data-testid="top-row">
                    <Table.Td>
                      {by === 'agent' ? <Anchor href={agentHref(orgId, r.key)} size="sm">{r.name}</Anchor> : <Text size="sm">{r.name}</Text>}
                      <Progress value={(r.spendCredits / max) * 100} size="xs" mt={4} aria-hidden />
                    </Table.Td>
                    <Table.Td ta="right">{formatCredits(r.spendCredits)}</Table.Td>
                    <Table.Td ta="right">{formatInt(r.requests)}</Table.Td>
                    <Table.Td ta="right">{r.requests ? formatPercent(r.errors / r.requests) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        }}
      </QueryState>
    </Card>
  );
}
