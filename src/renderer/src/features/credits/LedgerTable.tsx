import { useState } from 'react';
import { Anchor, Badge, Button, EmptyState, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CoinsIcon } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatMicroCredits } from '../../lib/format.ts';
import { dayBound, useCursorPages } from '../../lib/useCursorPages.ts';
import { agentHref } from '../../router/routes.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { LedgerEntry } from '../../trpc/types.ts';
import type { Hierarchy } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { Pager } from '../../components/Pager.tsx';

const KINDS = ['purchase', 'charge', 'refund', 'adjustment'] as const;
const KIND_COLOR = { purchase: 'teal', charge: 'gray', refund: 'blue', adjustment: 'grape' } as const;
const PAGE = 25;

/** The append-only ledger, newest first, filtered by kind, agent and day range, 25 entries a page. */
export function LedgerTable({ hierarchy, onRefund }: { hierarchy: Hierarchy | null; onRefund: (e: LedgerEntry) => void }) {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const [kind, setKind] = useState<(typeof KINDS)[number] | null>(null);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const pages = useCursorPages();
  const filter = (f: () => void) => { f(); pages.reset(); };
  const input = {
    orgId, limit: PAGE, ...(kind ? { kind } : {}), ...(agentId ? { agentId } : {}),
    ...(dayBound(from) ? { from: dayBound(from) } : {}), ...(dayBound(to, true) ? { to: dayBound(to, true) } : {}),
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  };
  const q = useQuery({ ...trpc.ledger.list.queryOptions(input), placeholderData: keepPreviousData, refetchInterval: pages.page === 1 ? 2000 : false });
  return (
    <>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <Select label="Kind" placeholder="All kinds" clearable data={[...KINDS]} value={kind} w={160}
          onChange={(k) => filter(() => setKind(k as typeof kind))} />
        <Select label="Agent" placeholder="All agents" clearable searchable w={220} value={agentId}
          data={(hierarchy?.agents ?? []).map((a) => ({ value: a.id, label: a.name }))} onChange={(a) => filter(() => setAgentId(a))} />
        <TextInput label="From" type="date" value={from} onChange={(e) => { const v = e.currentTarget.value; filter(() => setFrom(v)); }} w={170} />
        <TextInput label="To" type="date" value={to} onChange={(e) => { const v = e.currentTarget.value; filter(() => setTo(v)); }} w={170} />
      </Group>
      <QueryState query={q} label="Loading ledger">
        {(data) => data.items.length === 0 ? (
          <EmptyState size="sm" icon={<CoinsIcon />} title={pages.page === 1 ? 'No entries' : 'No more entries'}
            description={kind || agentId || from || to ? 'Nothing matches these filters.' : 'Purchases and charges will appear here.'} />
        ) : (
          <div className="tg-table-scroll">
            <Table verticalSpacing={6} fz="sm" aria-label="Ledger entries" striped>
              <Table.Thead><Table.Tr><Table.Th>When</Table.Th><Table.Th>Kind</Table.Th><Table.Th ta="right">Credits</Table.Th>
                <Table.Th>Agent</Table.Th><Table.Th>Description</Table.Th><Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {data.items.map((e) => (
                  <Table.Tr key={e.id} data-testid="ledger-row" data-kind={e.kind}>
                    <Table.Td>{formatDateTime(e.createdAt)}</Table.Td>
                    <Table.Td><Badge size="sm" variant="light" color={KIND_COLOR[e.kind]}>{e.kind}</Badge></Table.Td>
                    <Table.Td ta="right" ff="monospace" c={e.amountMicro >= 0 ? 'teal' : undefined} data-testid="ledger-amount">
                      {e.amountMicro >= 0 ? '+' : '−'}{formatMicroCredits(Math.abs(e.amountMicro))}
                    </Table.Td>
                    <Table.Td>{e.agentId ? <Anchor href={agentHref(orgId, e.agentId)} size="sm">{hierarchy?.agent(e.agentId)?.name ?? e.agentId}</Anchor> : '—'}</Table.Td>
                    <Table.Td><Text size="sm" lineClamp={1} title={e.requestId ?? undefined}>{e.description || e.requestId || '—'}</Text></Table.Td>
                    <Table.Td ta="right">
                      {e.kind === 'charge' && can('admin') && <Button size="xs" variant="subtle" onClick={() => onRefund(e)}>Refund…</Button>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </QueryState>
      <Pager pages={pages} nextCursor={q.data?.nextCursor} />
    </>
  );
}
