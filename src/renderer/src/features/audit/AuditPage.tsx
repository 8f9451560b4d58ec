import { useState } from 'react';
import { Badge, Button, Card, Code, EmptyState, Popover, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ListIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatMicroCredits } from '../../lib/format.ts';
import { dayBound, useCursorPages } from '../../lib/useCursorPages.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { AuditEntry } from '../../trpc/types.ts';
import type { Scope } from '../hierarchy/useHierarchy.ts';
import { useHierarchy } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import type { AuditFilter } from './AuditFilters.tsx';
import { AuditFilters, noFilter } from './AuditFilters.tsx';
import { Pager } from '../../components/Pager.tsx';

/** Who did what to which object, newest first; admins only (the server enforces it too). */
export function AuditPage() {
  const trpc = useTRPC();
  const { orgId, org, can } = useOrg();
  const h = useHierarchy();
  const members = useQuery(trpc.orgs.members.list.queryOptions({ orgId }));
  const [filter, setFilter] = useState<AuditFilter>(noFilter);
  const [debounced] = useDebouncedValue(filter, 250);
  const pages = useCursorPages();
  const f = debounced;
  const input = {
    orgId, limit: 30, ...(f.actorId ? { actorId: f.actorId } : {}), ...(f.action.trim() ? { action: f.action.trim() } : {}),
    ...(f.targetType ? { targetType: f.targetType } : {}), ...(f.targetId.trim() ? { targetId: f.targetId.trim() } : {}),
    ...(dayBound(f.from) ? { from: dayBound(f.from) } : {}), ...(dayBound(f.to, true) ? { to: dayBound(f.to, true) } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const q = useQuery({ ...trpc.audit.list.queryOptions(input), enabled: can('admin'), placeholderData: keepPreviousData });
  const userName = new Map((members.data?.members ?? []).map((m) => [m.userId, m.name]));
  const actorName = (e: AuditEntry): string => {
    if (e.actorType === 'system') return 'Tollgate';
    if (!e.actorId) return '—';
    return (e.actorType === 'agent' ? h.data?.agent(e.actorId)?.name : userName.get(e.actorId)) ?? e.actorId;
  };
  const actors = [
    ...(members.data?.members ?? []).map((m) => ({ value: m.userId, label: `${m.name} (${m.email})` })),
    ...(h.data?.agents ?? []).map((a) => ({ value: a.id, label: `agent ${a.name}` })),
  ];
  const isLevel = (s: unknown): s is Scope => s === 'org' || s === 'workspace' || s === 'group' || s === 'agent';
  /** A readable name for the target: the level's name, the key's name, the amount of a ledger entry… */
  const targetName = (e: AuditEntry): string | null => {
    const d = e.details as { name?: unknown; label?: unknown; email?: unknown; amountMicro?: unknown; modelPattern?: unknown; target?: { scope?: unknown; id?: unknown } };
    if (isLevel(e.targetType) && e.targetId) return h.data?.nameOf(e.targetType, e.targetId) ?? null;
    if (e.targetType === 'user') return (e.targetId && userName.get(e.targetId)) || (typeof d.email === 'string' ? d.email : null);
    if (e.targetType === 'ledger_entry' && typeof d.amountMicro === 'number') return `${formatMicroCredits(d.amountMicro)} credits`;
    if (e.targetType === 'settings') return org.name;
    if (d.target && isLevel(d.target.scope) && typeof d.target.id === 'string') return `of ${d.target.scope} ${h.data?.nameOf(d.target.scope, d.target.id) ?? d.target.id}`;
    const n = d.name ?? d.label ?? d.modelPattern;
    return typeof n === 'string' ? n : null;
  };
  if (!can('admin')) return <><PageHeader title="Audit log" /><Text c="dimmed">Only admins can read the audit log.</Text></>;
  return (
    <>
      <PageHeader title="Audit log" description="Every change to the organization and every refused request, with who did it. Entries are append-only." />
      <Card withBorder radius="md" padding="lg">
        <AuditFilters value={filter} onChange={(x) => { setFilter(x); pages.reset(); }} actors={actors} />
        <QueryState query={q} label="Loading audit log">
          {(data) => data.items.length === 0 ? (
            <EmptyState size="sm" icon={<ListIcon />} title="No entries" description="Nothing matches these filters." />
          ) : (
            <div className="tg-table-scroll">
              <Table verticalSpacing={6} fz="sm" aria-label="Audit entries" striped>
                <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Actor</Table.Th><Table.Th>Action</Table.Th>
                  <Table.Th>Target</Table.Th><Table.Th>Details</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {data.items.map((e) => (
                    <Table.Tr key={e.id} data-testid="audit-row" data-action={e.action}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.createdAt)}</Table.Td>
                      <Table.Td data-testid="audit-actor">
                        {e.actorType !== 'user' && <Badge size="xs" variant="outline" mr={4}>{e.actorType}</Badge>}{actorName(e)}
                      </Table.Td>
                      <Table.Td><Code>{e.action}</Code></Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed">{e.targetType.replace('_', ' ')}</Text>
                        <Text size="sm" fw={500} title={e.targetId ?? undefined} lineClamp={1}>{targetName(e) ?? e.targetId ?? ''}</Text>
                      </Table.Td>
                      <Table.Td><Details details={e.details} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          )}
        </QueryState>
        <Pager pages={pages} nextCursor={q.data?.nextCursor} />
      </Card>
    </>
  );
}

function Details({ details }: { details: Record<string, unknown> }) {
  const keys = Object.keys(details);
  if (keys.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  const msg = typeof details.message === 'string' ? details.message : null;
  return (
    <Popover width={420} position="left" withArrow shadow="md">
      <Popover.Target>
        <Button size="xs" variant="subtle" maw={220} aria-label={`Details: ${msg ?? keys.join(', ')}`}>
          <Text size="xs" truncate>{msg ?? keys.join(', ')}</Text>
        </Button>
      </Popover.Target>
      <Popover.Dropdown><Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(details, null, 2)}</Code></Popover.Dropdown>
    </Popover>
  );
}
