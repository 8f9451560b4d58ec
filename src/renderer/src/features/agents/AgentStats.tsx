import { SimpleGrid } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { formatCredits, formatInt, formatMs, formatPercent } from '../../lib/format.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { ANALYTICS_COMING, useUsageQuery } from '../analytics/usageApi.ts';
import { useNow } from '../../lib/useNow.ts';

/** The agent's last 24 hours, live. */
export function AgentStats({ agentId }: { agentId: string }) {
  const { orgId } = useOrg();
  // The window moves once a minute (a new cache entry); within it, the 2 s polls refresh the figures.
  const now = useNow();
  const q = useQuery(useUsageQuery('summary', {
    orgId, agentId, from: new Date(now - 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString(),
  }, { live: true }));
  return (
    <QueryState query={q} label="Loading usage" coming={ANALYTICS_COMING}>
      {(s) => (
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <StatCard label="Spend, 24 h" value={formatCredits(s.spendCredits)} hint="credits" testId="agent-spend" />
          <StatCard label="Requests" value={formatInt(s.requests)} testId="agent-requests" />
          <StatCard label="Error rate" value={formatPercent(s.errorRate)} hint={`${formatInt(s.errors)} errors`} />
          <StatCard label="Latency p50 / p95" value={formatMs(s.latencyP50Ms)} hint={`p95 ${formatMs(s.latencyP95Ms)}`} />
          <StatCard label="Time to first token" value={formatMs(s.ttftP50Ms)} hint={`p95 ${formatMs(s.ttftP95Ms)}`} />
          <StatCard label="Tokens in / out" value={formatInt(s.inputTokens)} hint={`${formatInt(s.outputTokens)} out`} />
        </SimpleGrid>
      )}
    </QueryState>
  );
}
