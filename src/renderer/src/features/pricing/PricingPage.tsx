import { useState } from 'react';
import { Badge, Button, Card, EmptyState, Group, Pagination, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { PlusIcon, SearchIcon, TagIcon } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatInt, formatUsd } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { PriceRow } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { PriceDialog } from './PriceDialog.tsx';

const PER_PAGE = 25;

/** Built-in model prices (from @pydantic/genai-prices) with this org's overrides; editable by admins. */
export function PricingPage() {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const prices = useQuery(trpc.pricing.list.queryOptions({ orgId }));
  const [query, setQuery] = useState('');
  const [show, setShow] = useState('all');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<{ editing: PriceRow | null } | null>(null);
  const [resetting, setResetting] = useState<PriceRow | null>(null);
  const reset = useAction(trpc.pricing.resetOverride.mutationOptions(), { success: (_d, v) => `${v.modelPattern} uses the built-in price again` });
  return (
    <>
      <PageHeader title="Pricing" description="What each model costs, in USD per million tokens; charges convert cost to credits at settlement."
        actions={can('admin') && <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ editing: null })}>New price</Button>} />
      <Card withBorder radius="md" padding="lg">
        <Group mb="md" align="flex-end" wrap="wrap">
          <TextInput label="Search models" type="search" leftSection={<SearchIcon size={16} />} value={query} w={280}
            onChange={(e) => { setQuery(e.currentTarget.value); setPage(1); }} />
          <SegmentedControl aria-label="Which prices" value={show} onChange={(v) => { setShow(v); setPage(1); }}
            data={[{ value: 'all', label: 'All' }, { value: 'overridden', label: 'This org’s overrides' }]} />
        </Group>
        <QueryState query={prices} label="Loading prices">
          {(list) => {
            const q = query.trim().toLowerCase();
            const rows = list.filter((p) => (show === 'all' || p.overridden) && (!q || p.modelPattern.toLowerCase().includes(q) || p.provider.includes(q)));
            const pages = Math.max(1, Math.ceil(rows.length / PER_PAGE));
            const shown = rows.slice((page - 1) * PER_PAGE, page * PER_PAGE);
            if (rows.length === 0) return <EmptyState size="sm" icon={<TagIcon />} title="No prices match" description="Change the search, or add a price for a model." />;
            return (
              <>
                <div className="tg-table-scroll">
                  <Table verticalSpacing={6} fz="sm" aria-label="Model prices" striped>
                    <Table.Thead><Table.Tr><Table.Th>Model</Table.Th><Table.Th>Provider</Table.Th><Table.Th ta="right">Input / 1M</Table.Th>
                      <Table.Th ta="right">Output / 1M</Table.Th><Table.Th ta="right">Max output</Table.Th><Table.Th>Source</Table.Th>
                      <Table.Th><span className="sr-only">Actions</span></Table.Th></Table.Tr></Table.Thead>
                    <Table.Tbody>
                      {shown.map((p) => (
                        <Table.Tr key={p.modelPattern} data-testid="price-row">
                          <Table.Td><Text ff="monospace" size="sm">{p.modelPattern}</Text></Table.Td>
                          <Table.Td>{p.provider}</Table.Td>
                          <Table.Td ta="right">{formatUsd(p.inputMicroUsdPerMtok)}</Table.Td>
                          <Table.Td ta="right">{formatUsd(p.outputMicroUsdPerMtok)}</Table.Td>
                          <Table.Td ta="right">{formatInt(p.maxOutputTokens)}</Table.Td>
                          <Table.Td>{p.overridden ? <Badge size="sm" variant="light" color="orange">override</Badge> : <Badge size="sm" variant="light" color="gray">built-in</Badge>}</Table.Td>
                          <Table.Td>
                            {can('admin') && (
                              <Group gap={4} justify="flex-end" wrap="nowrap">
                                <Button size="xs" variant="subtle" onClick={() => setDialog({ editing: p })} aria-label={`Edit price of ${p.modelPattern}`}>Edit</Button>
                                {p.overridden && <Button size="xs" variant="subtle" color="red" onClick={() => setResetting(p)} aria-label={`Reset price of ${p.modelPattern}`}>Reset</Button>}
                              </Group>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
                <Group justify="space-between" mt="md">
                  <Text size="sm" c="dimmed">{rows.length} model{rows.length === 1 ? '' : 's'}</Text>
                  {pages > 1 && <Pagination total={pages} value={Math.min(page, pages)} onChange={setPage} size="sm" aria-label="Price pages" />}
                </Group>
              </>
            );
          }}
        </QueryState>
      </Card>
      <PriceDialog opened={dialog !== null} editing={dialog?.editing ?? null} onClose={() => setDialog(null)} />
      <ConfirmDialog opened={resetting !== null} onClose={() => setResetting(null)} loading={reset.isPending}
        title={`Reset the price of ${resetting?.modelPattern ?? ''}?`} confirmLabel="Reset price"
        onConfirm={() => resetting && reset.mutate({ orgId, modelPattern: resetting.modelPattern }, { onSuccess: () => setResetting(null) })}>
        This org's override is removed; the built-in price applies from the next request (if there is one for this name).
      </ConfirmDialog>
    </>
  );
}
