import { useState } from 'react';
import { Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { PlusIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDate } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { Member } from '../../trpc/types.ts';
import { useSession } from '../session/useSession.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { InviteDialog } from './InviteDialog.tsx';
import { roleOptions } from './roles.ts';

/** Who belongs to the org and with which role; admins invite, change roles and remove. */
export function MembersPage() {
  const trpc = useTRPC();
  const { orgId, can, role: mine } = useOrg();
  const me = useSession().data?.user?.id;
  const list = useQuery(trpc.orgs.members.list.queryOptions({ orgId }));
  const [inviting, setInviting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const change = useAction(trpc.orgs.members.changeRole.mutationOptions(), { success: (r) => `Role changed to ${r.role}` });
  const remove = useAction(trpc.orgs.members.remove.mutationOptions(), { success: 'Member removed' });
  const opts = roleOptions(mine).map((o) => ({ ...o, label: o.value }));
  return (
    <>
      <PageHeader title="Members" description="Viewers read; members manage agents and keys; admins also manage policies, budgets, credits and members; owners can hand out ownership."
        actions={can('admin') && <Button leftSection={<PlusIcon size={16} />} onClick={() => setInviting(true)}>Invite member</Button>} />
      <QueryState query={list} label="Loading members">
        {(data) => (
          <Stack gap="lg">
            <Card withBorder radius="md" padding="lg">
              <div className="tg-table-scroll">
                <Table verticalSpacing="xs" aria-label="Members">
                  <Table.Thead><Table.Tr><Table.Th>Name</Table.Th><Table.Th>Email</Table.Th><Table.Th>Role</Table.Th><Table.Th>Joined</Table.Th>
                    <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
                  <Table.Tbody>
                    {data.members.map((m) => (
                      <Table.Tr key={m.userId} data-testid="member-row">
                        <Table.Td fw={500}>{m.name} {m.userId === me && <Badge size="xs" variant="light">you</Badge>}</Table.Td>
                        <Table.Td>{m.email}</Table.Td>
                        <Table.Td>
                          {can('admin') && m.userId !== me ? (
                            <Select aria-label={`Role of ${m.name}`} size="xs" w={130} data={opts} value={m.role} allowDeselect={false}
                              disabled={m.role === 'owner' && mine !== 'owner'}
                              onChange={(r) => r && r !== m.role && change.mutate({ orgId, userId: m.userId, role: r as Member['role'] })} />
                          ) : <Badge variant="light">{m.role}</Badge>}
                        </Table.Td>
                        <Table.Td>{formatDate(m.joinedAt)}</Table.Td>
                        <Table.Td ta="right">
                          {can('admin') && m.userId !== me && (
                            <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name}`}>Remove</Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
            </Card>
            {data.invites.length > 0 && (
              <Card withBorder radius="md" padding="lg">
                <Title order={2} size="h4" mb="sm">Pending invites</Title>
                <Table verticalSpacing="xs" aria-label="Pending invites">
                  <Table.Tbody>
                    {data.invites.map((i) => (
                      <Table.Tr key={i.id}><Table.Td>{i.email}</Table.Td><Table.Td><Badge variant="outline">{i.role}</Badge></Table.Td>
                        <Table.Td><Text size="sm" c="dimmed">invited {formatDate(i.createdAt)}</Text></Table.Td></Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            )}
            {data.members.length === 1 && data.invites.length === 0 && (
              <Group><Text size="sm" c="dimmed">You are the only member. Invite teammates by email; they join when they register.</Text></Group>
            )}
          </Stack>
        )}
      </QueryState>
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} />
      <ConfirmDialog opened={removing !== null} onClose={() => setRemoving(null)} loading={remove.isPending}
        title={`Remove ${removing?.name ?? ''}?`} confirmLabel="Remove member"
        onConfirm={() => removing && remove.mutate({ orgId, userId: removing.userId }, { onSuccess: () => setRemoving(null) })}>
        They lose access to this organization at once. Their past actions stay in the audit log.
      </ConfirmDialog>
    </>
  );
}
