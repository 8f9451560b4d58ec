import { useState } from 'react';
import { Badge, Button, Card, EmptyState, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { PlusIcon, RouteIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { RouteRow } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { RouteDialog } from './RouteDialog.tsx';

/** Model aliases: the name an agent asks for → provider and upstream model. Built-ins can be overridden. */
export function RoutingPage() {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const routes = useQuery(trpc.routing.list.queryOptions({ orgId }));
  const [dialog, setDialog] = useState<{ editing: RouteRow | null } | null>(null);
  const [removing, setRemoving] = useState<RouteRow | null>(null);
  const remove = useAction(trpc.routing.delete.mutationOptions(), { success: (_d, v) => `Route “${v.alias}” removed` });
  return (
    <>
      <PageHeader title="Routing" description="Which provider and model answer a requested model name. Names not listed go by family: mock-* to the mock, claude-* to Anthropic, the rest to OpenAI-compatible, and provider:model is always accepted."
        actions={can('admin') && <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ editing: null })}>New route</Button>} />
      <Card withBorder radius="md" padding="lg">
        <QueryState query={routes} label="Loading routes">
          {(list) => list.length === 0 ? <EmptyState icon={<RouteIcon size={28} />} title="No routes" description="Add an alias to route a model name." /> : (
            <div className="tg-table-scroll">
              <Table verticalSpacing="xs" aria-label="Routes">
                <Table.Thead><Table.Tr><Table.Th>Requested model</Table.Th><Table.Th>Routes to</Table.Th><Table.Th>Source</Table.Th>
                  <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {list.map((r) => (
                    <Table.Tr key={r.alias} data-testid="route-row">
                      <Table.Td><Text ff="monospace" size="sm">{r.alias}</Text></Table.Td>
                      <Table.Td><Text ff="monospace" size="sm">{r.target}</Text></Table.Td>
                      <Table.Td>
                        {r.builtin ? <Badge variant="light" color="gray">built-in</Badge>
                          : r.overridden ? <Badge variant="light" color="orange">overrides built-in</Badge>
                          : <Badge variant="light">this org</Badge>}
                      </Table.Td>
                      <Table.Td>
                        {can('admin') && (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button size="xs" variant="subtle" onClick={() => setDialog({ editing: r })} aria-label={`Edit route ${r.alias}`}>Edit</Button>
                            {!r.builtin && (
                              <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(r)} aria-label={`${r.overridden ? 'Reset' : 'Delete'} route ${r.alias}`}>
                                {r.overridden ? 'Reset' : 'Delete'}
                              </Button>
                            )}
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </QueryState>
      </Card>
      <RouteDialog opened={dialog !== null} editing={dialog?.editing ?? null} onClose={() => setDialog(null)} />
      <ConfirmDialog opened={removing !== null} onClose={() => setRemoving(null)} loading={remove.isPending}
        title={removing?.overridden ? `Reset “${removing.alias}” to the built-in route?` : `Delete route “${removing?.alias ?? ''}”?`}
        confirmLabel={removing?.overridden ? 'Reset route' : 'Delete route'}
        onConfirm={() => removing && remove.mutate({ orgId, alias: removing.alias }, { onSuccess: () => setRemoving(null) })}>
        Requests for this name are routed by the rules above from the next request on.
      </ConfirmDialog>
    </>
  );
}
