import { Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState.tsx';
import { StatCard } from '../../components/StatCard.tsx';
import { formatMicroCredits } from '../../lib/format.ts';
import { useTRPC } from '../../trpc/client.ts';
import { useOrg } from '../orgs/OrgContext.tsx';

/** Balance = SUM(ledger); "held" is what requests in flight have reserved; "available" is what new ones can use. */
export function BalanceCard({ onBuy, onAdjust }: { onBuy: () => void; onAdjust: () => void }) {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const balance = useQuery({ ...trpc.credits.balance.queryOptions({ orgId }), refetchInterval: 2000 });
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">Balance</Title>
        {can('admin') && (
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={onAdjust}>Adjust…</Button>
            <Button size="xs" onClick={onBuy}>Buy credits</Button>
          </Group>
        )}
      </Group>
      <QueryState query={balance} label="Loading balance">
        {(b) => (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <StatCard label="Balance" value={formatMicroCredits(b.balanceMicro)} hint={`${b.entries} ledger entries`} testId="balance" />
              <StatCard label="Held by requests in flight" value={formatMicroCredits(b.heldMicro)} />
              <StatCard label="Available" value={formatMicroCredits(b.availableMicro)} testId="available" />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="sm">{b.creditsPerUsd} credits = 1 USD of provider cost.</Text>
          </>
        )}
      </QueryState>
    </Card>
  );
}
