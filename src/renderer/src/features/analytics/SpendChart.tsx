import { useState } from 'react';
import { AreaChart, BarChart } from '@mantine/charts';
import { Card, EmptyState, Group, SegmentedControl, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ChartIcon } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatCredits, formatInt } from '../../lib/format.ts';
import { pivotSpend, volumeRows } from './chartData.ts';
import type { Scope } from './scope.ts';
import { ANALYTICS_COMING, useUsageQuery } from './usageApi.ts';

type Win = { from: string; to: string; bucket: 'hour' | 'day' };

/** Spend over time, stacked by agent, model or workspace. */
export function SpendChart({ orgId, win, scope }: { orgId: string; win: Win; scope: Scope }) {
  const [groupBy, setGroupBy] = useState<'agent' | 'model' | 'workspace'>('agent');
  const q = useQuery({ ...useUsageQuery('timeseries', { orgId, ...win, ...scope, groupBy, limit: 8 }, { live: true }), placeholderData: keepPreviousData });
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">Spend over time</Title>
        <SegmentedControl size="xs" aria-label="Split spend by" value={groupBy} onChange={(v) => setGroupBy(v as typeof groupBy)}
          data={[{ value: 'agent', label: 'By agent' }, { value: 'model', label: 'By model' }, { value: 'workspace', label: 'By workspace' }]} />
      </Group>
      <QueryState query={q} label="Loading spend" coming={ANALYTICS_COMING}>
        {(ts) => {
          if (!ts.points.some((p) => p.spendCredits > 0)) return <EmptyState size="sm" icon={<ChartIcon />} title="No spend in this range" description="Charges appear here as requests are answered." />;
          const { data, series } = pivotSpend(ts);
          return (
            <AreaChart h={260} data={data} dataKey="label" series={series} type="stacked" withLegend curveType="monotone" withDots={false}
              valueFormatter={(v) => formatCredits(v)} legendProps={{ verticalAlign: 'bottom' }} aria-label="Spend over time chart" />
          );
        }}
      </QueryState>
    </Card>
  );
}

/** Requests per bucket, split into answered and failed. */
export function VolumeChart({ orgId, win, scope }: { orgId: string; win: Win; scope: Scope }) {
  const q = useQuery({ ...useUsageQuery('timeseries', { orgId, ...win, ...scope, groupBy: 'none' }, { live: true }), placeholderData: keepPreviousData });
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="md">Requests</Title>
      <QueryState query={q} label="Loading request volume" coming={ANALYTICS_COMING}>
        {(ts) => !ts.points.some((p) => p.requests > 0)
          ? <EmptyState size="sm" icon={<ChartIcon />} title="No requests in this range" />
          : <BarChart h={260} data={volumeRows(ts)} dataKey="label" type="stacked" withLegend valueFormatter={(v) => formatInt(v)}
              legendProps={{ verticalAlign: 'bottom' }} aria-label="Request volume chart"
              series={[{ name: 'ok', label: 'Answered', color: 'teal.6' }, { name: 'errors', label: 'Errors and refusals', color: 'red.6' }]} />}
      </QueryState>
    </Card>
  );
}
