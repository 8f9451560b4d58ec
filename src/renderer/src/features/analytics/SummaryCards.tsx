import { SimpleGrid } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { formatCredits, formatInt, formatMs, formatPercent } from '../../lib/format.ts';
import type { Scope } from './scope.ts';
import { ANALYTICS_COMING, useUsageQuery } from './usageApi.ts';

/** Spend, volume, error rate, latency p50/p95 and time to first token over the chosen range and scope. */
export function SummaryCards({ orgId, from, to, scope }: { orgId: string; from: string; to: string; scope: Scope }) {
  const q = useQuery({ ...useUsageQuery('summary', { orgId, from, to, ...scope }, { live: true }), placeholderData: keepPreviousData });
  return (
    <QueryState query={q} label="Loading summary" coming={ANALYTICS_COMING}>
      {(s) => (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <StatCard label="Spend" value={formatCredits(s.spendCredits)} hint="credits" testId="summary-spend" />
          <StatCard label="Requests" value={formatInt(s.requests)} testId="summary-requests" />
          <StatCard label="Error rate" value={formatPercent(s.errorRate)} hint={`${formatInt(s.errors)} errors or refusals`} />
          <StatCard label="Latency p50" value={formatMs(s.latencyP50Ms)} hint={`p95 ${formatMs(s.latencyP95Ms)}`} testId="summary-latency" />
          <StatCard label="First token p50" value={formatMs(s.ttftP50Ms)} hint={`p95 ${formatMs(s.ttftP95Ms)}`} />
          <StatCard label="Tokens in / out" value={formatInt(s.inputTokens)} hint={`${formatInt(s.outputTokens)} out`} />
        </SimpleGrid>
      )}
    </QueryState>
  );
}
