import { Anchor, Badge, EmptyState, Group, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ListIcon } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatCredits, formatDateTime, formatInt, formatMs, formatRelative } from '../../lib/format.ts';
import { agentHref } from '../../router/routes.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import type { Scope } from './scope.ts';
import type { RecentRow } from './usageApi.ts';
import { ANALYTICS_COMING, useUsageQuery } from './usageApi.ts';

/** The latest requests (newest first), refreshed every 2 s; denied ones show the code that refused them. */
export function RecentRequests({ scope = {}, limit = 20 }: { scope?: Scope; limit?: number }) {
  const { orgId } = useOrg();
  const agentId = scope.agentId;
  const q = useQuery(useUsageQuery('recent', { orgId, limit, ...scope }, { live: true }));
  return (
    <QueryState query={q} label="Loading recent requests" coming={ANALYTICS_COMING}>
      {(page) => page.items.length === 0 ? (
        <EmptyState size="sm" icon={<ListIcon />} title="No requests yet"
          description="Requests appear here within two seconds of being answered." />
      ) : (
        <div className="tg-table-scroll">
          <Table verticalSpacing={6} fz="sm" aria-label="Recent requests" striped highlightOnHover>
            <Table.Thead>
              <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                <Table.Th>When</Table.Th>{!agentId && <Table.Th>Agent</Table.Th>}<Table.Th>Model</Table.Th><Table.Th>Result</Table.Th>
                <Table.Th ta="right">Tokens in/out</Table.Th><Table.Th ta="right">Charge</Table.Th>
                <Table.Th ta="right">Latency</Table.Th><Table.Th ta="right">TTFT</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{page.items.map((r) => <Row key={r.requestId} r={r} showAgent={!agentId} orgId={orgId} />)}</Table.Tbody>
          </Table>
        </div>
      )}
    </QueryState>
  );
}

function Row({ r, showAgent, orgId }: { r: RecentRow; showAgent: boolean; orgId: string }) {
  const ok = r.status < 400;
  return (
    <Table.Tr data-testid="request-row" data-status={r.status} data-error-code={r.errorCode ?? ''} style={{ whiteSpace: 'nowrap' }}>
      <Table.Td><Tooltip label={`${formatDateTime(r.createdAt)} · ${r.requestId}`}><span>{formatRelative(r.createdAt)}</span></Tooltip></Table.Td>
      {showAgent && <Table.Td><Anchor href={agentHref(orgId, r.agentId)} size="sm">{r.agentName}</Anchor></Table.Td>}
      <Table.Td><Text size="sm" ff="monospace">{r.model}</Text></Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Badge color={ok ? 'teal' : r.status === 429 || r.status === 402 ? 'orange' : 'red'} variant="light">{r.status}</Badge>
          {r.errorCode && <Text size="xs" ff="monospace">{r.errorCode}</Text>}
        </Group>
      </Table.Td>
      <Table.Td ta="right">{formatInt(r.inputTokens)} / {formatInt(r.outputTokens)}</Table.Td>
      <Table.Td ta="right" data-testid="request-charge">
        {formatCredits(r.costCredits)}{r.estimated && <Text span size="xs" c="dimmed"> est.</Text>}
      </Table.Td>
      <Table.Td ta="right">{formatMs(r.latencyMs)}</Table.Td>
      <Table.Td ta="right">{formatMs(r.ttftMs)}</Table.Td>
    </Table.Tr>
  );
}
