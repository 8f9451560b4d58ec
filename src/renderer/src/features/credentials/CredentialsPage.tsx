import { useState } from 'react';
import { Button, Card, EmptyState, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { KeyIcon, PlusIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { Credential } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { CredentialDialog, PROVIDER_LABEL } from './CredentialDialog.tsx';

/** The org's own provider keys (BYOK). Without one, the gateway uses the instance's managed key, or the mock. */
export function CredentialsPage() {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const list = useQuery(trpc.credentials.list.queryOptions({ orgId }));
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Credential | null>(null);
  const remove = useAction(trpc.credentials.delete.mutationOptions(), { success: 'Provider key deleted' });
  const test = useMutation(trpc.credentials.test.mutationOptions({
    onSuccess: (r) => notifications.show({ color: r.ok ? 'teal' : 'red', title: r.ok ? 'Key works' : 'Connection failed',
      message: `${r.message} (${r.latencyMs} ms)`, autoClose: r.ok ? 4000 : 8000, closeButtonProps: { 'aria-label': 'Dismiss notification' } }),
  }));
  return (
    <>
      <PageHeader title="Provider keys" description="Bring your own OpenAI-compatible or Anthropic key. The newest key per provider is used; secrets are encrypted and never shown again."
        actions={can('admin') && <Button leftSection={<PlusIcon size={16} />} onClick={() => setAdding(true)}>Add key</Button>} />
      <Card withBorder radius="md" padding="lg">
        <QueryState query={list} label="Loading provider keys">
          {(creds) => creds.length === 0 ? (
            <EmptyState icon={<KeyIcon size={28} />} title="No provider keys"
              description="Requests use the instance's managed keys, and models named mock-* work offline without any key." />
          ) : (
            <div className="tg-table-scroll">
              <Table verticalSpacing="xs" aria-label="Provider keys">
                <Table.Thead><Table.Tr><Table.Th>Label</Table.Th><Table.Th>Provider</Table.Th><Table.Th>Base URL</Table.Th>
                  <Table.Th>Secret</Table.Th><Table.Th>Added</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {creds.map((c) => (
                    <Table.Tr key={c.id} data-testid="credential-row">
                      <Table.Td fw={500}>{c.label}</Table.Td>
                      <Table.Td><Text size="sm">{PROVIDER_LABEL[c.provider] ?? c.provider}</Text></Table.Td>
                      <Table.Td><Text size="sm" c={c.baseUrl ? undefined : 'dimmed'}>{c.baseUrl ?? 'default'}</Text></Table.Td>
                      <Table.Td><Text ff="monospace" size="sm">••••{c.secretLast4}</Text></Table.Td>
                      <Table.Td><Text size="sm">{formatDateTime(c.createdAt)}</Text></Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {can('admin') && (
                            <Tooltip label="Asks the provider to list its models with this key; spends nothing">
                              <Button size="xs" variant="subtle" loading={test.isPending && test.variables?.credentialId === c.id}
                                onClick={() => test.mutate({ credentialId: c.id })} aria-label={`Test connection of ${c.label}`}>Test connection</Button>
                            </Tooltip>
                          )}
                          {can('admin') && <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(c)} aria-label={`Delete key ${c.label}`}>Delete</Button>}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </QueryState>
      </Card>
      <CredentialDialog opened={adding} onClose={() => setAdding(false)} />
      <ConfirmDialog opened={deleting !== null} onClose={() => setDeleting(null)} title={`Delete key “${deleting?.label ?? ''}”?`}
        confirmLabel="Delete key" loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ credentialId: deleting.id }, { onSuccess: () => setDeleting(null) })}>
        Requests for this provider fall back to an older key of the org, then to the managed key.
      </ConfirmDialog>
    </>
  );
}
