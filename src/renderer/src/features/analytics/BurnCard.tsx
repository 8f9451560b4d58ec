import { Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { formatCredits } from '../../lib/format.ts';
import { ANALYTICS_COMING, useUsageQuery } from './usageApi.ts';

/** Balance, spend in the last 24 h and 7 d, and how many days the balance lasts at the 7-day rate. */
export function BurnCard({ orgId }: { orgId: string }) {
  const q = useQuery(useUsageQuery('burn', { orgId }, { live: true }));
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm"><Title order={2} size="h4">Burn rate</Title></Group>
      <QueryState query={q} label="Loading burn rate" coming={ANALYTICS_COMING}>
        {(b) => (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <StatCard label="Balance" value={formatCredits(b.balanceCredits)} hint="credits" testId="burn-balance" />
              <StatCard label="Last 24 h" value={formatCredits(b.last24hCredits)} />
              <StatCard label="Last 7 days" value={formatCredits(b.last7dCredits)} hint={`${formatCredits(b.dailyRateCredits)} a day`} />
              <StatCard label="Projected days left" testId="burn-days"
                value={b.projectedDaysLeft === null ? '—' : b.projectedDaysLeft >= 999 ? '999+' : Math.floor(b.projectedDaysLeft).toLocaleString()}
                hint={b.projectedDaysLeft === null ? 'nothing spent in 7 days' : 'at the 7-day average'} />
            </SimpleGrid>
            {b.projectedDaysLeft !== null && b.projectedDaysLeft < 7 && (
              <Text size="sm" c="orange" mt="sm">Credits run out within a week at this rate.</Text>
            )}
          </>
        )}
      </QueryState>
    </Card>
  );
}
