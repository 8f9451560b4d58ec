import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { QueryState } from '../../components/QueryState.tsx';
import { formatRelative } from '../../lib/format.ts';
import { useTRPC } from '../../trpc/client.ts';

/** The budget and low-balance alerts the desktop app shows as notifications, newest first. */
export function AlertsCard({ orgId }: { orgId: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.alerts.list.queryOptions({ orgId, limit: 5 }), refetchInterval: 5000 });
  return (
    <Card withBorder radius="md" padding="lg" data-testid="alerts-card">
      <Title order={2} size="h4" mb="sm">Alerts</Title>
      <QueryState query={q} label="Loading alerts">
        {(page) => page.items.length === 0 ? (
          <Text size="sm" c="dimmed">No budget or balance alerts. You will see one here when a budget passes a threshold set in Settings.</Text>
        ) : (
          <Stack gap="xs">
            {page.items.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap" align="flex-start">
                <div>
                  <Group gap="xs">
                    <Badge size="sm" color={a.kind === 'low_balance' || ('percent' in a && a.percent >= 100) ? 'red' : 'orange'} variant="light">
                      {a.kind === 'low_balance' ? 'Low balance' : `Budget ${'percent' in a ? a.percent : ''}%`}
                    </Badge>
                    <Text size="sm" fw={500}>{a.title}</Text>
                  </Group>
                  <Text size="sm" c="dimmed">{a.message}</Text>
                </div>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatRelative(a.createdAt)}</Text>
              </Group>
            ))}
          </Stack>
        )}
      </QueryState>
    </Card>
  );
}
