import { useState } from 'react';
import { Badge, Button, Card, EmptyState, Group, Table, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { KeyIcon, PlusIcon } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { ApiKey } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { CreateKeyDialog } from './CreateKeyDialog.tsx';
import { keyState } from './keyStatus.ts';
import { ShownOnceKey } from './ShownOnceKey.tsx';

const STATE_COLOR = { active: 'teal', expired: 'orange', revoked: 'gray' } as const;

/** An agent's keys: create (shown once), revoke with confirmation, expiry and last use. */
export function KeysCard({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const { can } = useOrg();
  const keys = useQuery({ ...trpc.apiKeys.list.queryOptions({ agentId }), refetchInterval: 2000 });
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ plaintext: string; name: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useAction(trpc.apiKeys.revoke.mutationOptions(), { success: (k) => `Key “${k.name}” revoked` });
  return (
    <Card withBorder radius="md" padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">API keys</Title>
        {can('member') && <Button size="xs" leftSection={<PlusIcon size={14} />} onClick={() => setCreating(true)}>New key</Button>}
      </Group>
      <QueryState query={keys} label="Loading keys">
        {(list) => list.length === 0 ? (
          <EmptyState size="sm" icon={<KeyIcon />} title="No keys yet"
            description="An agent needs a key (cpk_…) to call the gateway." />
        ) : (
          <div className="tg-table-scroll">
            <Table verticalSpacing="xs" aria-label="API keys">
              <Table.Thead>
                <Table.Tr><Table.Th>Name</Table.Th><Table.Th>Key</Table.Th><Table.Th>Status</Table.Th><Table.Th>Created</Table.Th>
                  <Table.Th>Expires</Table.Th><Table.Th>Last used</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((k) => {
                  const state = keyState(k);
                  return (
                    <Table.Tr key={k.id} data-testid="key-row" data-key-name={k.name}>
                      <Table.Td fw={500}>{k.name}</Table.Td>
                      <Table.Td><Text ff="monospace" size="sm">{k.prefix}…{k.last4}</Text></Table.Td>
                      <Table.Td><Badge color={STATE_COLOR[state]} variant="light">{state}</Badge></Table.Td>
                      <Table.Td><Text size="sm">{formatDateTime(k.createdAt)}</Text></Table.Td>
                      <Table.Td><Text size="sm">{k.expiresAt ? formatDateTime(k.expiresAt) : 'never'}</Text></Table.Td>
                      <Table.Td>
                        <Tooltip label={formatDateTime(k.lastUsedAt)} disabled={!k.lastUsedAt}>
                          <Text size="sm">{formatRelative(k.lastUsedAt)}</Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td ta="right">
                        {state !== 'revoked' && can('member') && (
                          <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(k)}
                            aria-label={`Revoke key ${k.name}`}>Revoke</Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </QueryState>
      <CreateKeyDialog agentId={agentId} opened={creating} onClose={() => setCreating(false)}
        onCreated={(plaintext, name) => { setCreating(false); setShown({ plaintext, name }); }} />
      <ShownOnceKey plaintext={shown?.plaintext ?? null} name={shown?.name ?? ''} onClose={() => setShown(null)} />
      <ConfirmDialog opened={revoking !== null} onClose={() => setRevoking(null)} title={`Revoke key “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke key" loading={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ apiKeyId: revoking.id }, { onSuccess: () => setRevoking(null) })}>
        Requests using this key are refused from the next one on. This cannot be undone; create a new key if needed.
      </ConfirmDialog>
    </Card>
  );
}
