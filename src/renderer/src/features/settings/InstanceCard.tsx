import { Anchor, Badge, Card, Code, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { orgHref } from '../../router/routes.ts';
import { InstanceSettingsForm } from './InstanceSettingsForm.tsx';
import { gatewayBaseUrl } from '../connect/gatewayUrl.ts';
import { useOrg } from '../orgs/OrgContext.tsx';

interface Health {
  status: string;
  version: string;
  engine: string;
  migration: string | null;
  ledger?: { state: string; queued: number; failedBatches: number };
}

/**
 * The instance this panel talks to. Only /health describes it today (engine, migration, ledger); the listening port,
 * bind address, data folder and database URL are start-up flags with no procedure to read or change them yet.
 */
export function InstanceCard() {
  const { orgId } = useOrg();
  const inBrowser = window.location.protocol.startsWith('http');
  const health = useQuery({
    queryKey: ['health'], enabled: inBrowser, refetchInterval: 10_000,
    queryFn: async (): Promise<Health> => {
      const r = await fetch('/health', { credentials: 'same-origin' });
      if (!r.ok) throw new Error(`health answered ${r.status}`);
      return (await r.json()) as Health;
    },
  });
  const h = health.data;
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="md">This instance</Title>
      <Table verticalSpacing={6} aria-label="Instance">
        <Table.Tbody>
          <Table.Tr><Table.Th w={200}>Gateway address</Table.Th><Table.Td><Code>{gatewayBaseUrl()}/v1</Code></Table.Td></Table.Tr>
          <Table.Tr><Table.Th>Database engine</Table.Th><Table.Td>{h ? <Badge variant="light">{h.engine}</Badge> : '—'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>Schema migration</Table.Th><Table.Td>{h?.migration ?? '—'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>Ledger writer</Table.Th><Table.Td>
            {h?.ledger ? <Group gap="xs"><Badge color={h.ledger.state === 'ok' ? 'teal' : 'red'} variant="light">{h.ledger.state}</Badge>
              <Text size="sm" c="dimmed">{h.ledger.queued} queued · {h.ledger.failedBatches} failed batches</Text></Group> : '—'}
          </Table.Td></Table.Tr>
          <Table.Tr><Table.Th>Version</Table.Th><Table.Td>{h?.version ?? '—'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Th>Managed provider keys</Table.Th><Table.Td>
            <Text size="sm">Org keys are on <Anchor href={orgHref(orgId, 'credentials')}>Provider keys</Anchor>; instance-wide keys come from the server's environment or are set below by the instance administrator.</Text>
          </Table.Td></Table.Tr>
        </Table.Tbody>
      </Table>
      {health.isError && <Text size="sm" c="red" mt="xs">Could not read /health: {health.error.message}</Text>}
      <InstanceSettingsForm />
    </Card>
  );
}
