import { useState } from 'react';
import { Anchor, Breadcrumbs, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert, QueryState } from '../../components/QueryState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { orgHref } from '../../router/routes.ts';
import { useTRPC } from '../../trpc/client.ts';
import { errorCode } from '../../trpc/errors.ts';
import type { Agent } from '../../trpc/types.ts';
import { RecentRequests } from '../analytics/RecentRequests.tsx';
import { chainBudgets } from '../budgets/budgetMath.ts';
import { ChainBudgets } from '../budgets/ChainBudgets.tsx';
import { NameDialog } from '../hierarchy/NameDialog.tsx';
import { useHierarchy } from '../hierarchy/useHierarchy.ts';
import { useNodeActions } from '../hierarchy/useNodeActions.ts';
import { KeysCard } from '../keys/KeysCard.tsx';
import { useOrg } from '../orgs/OrgContext.tsx';
import { EffectiveLimits } from '../policies/EffectiveLimits.tsx';
import { AgentStats } from './AgentStats.tsx';
import { DenialsList } from './DenialsList.tsx';

/** One agent: live usage, keys, the limits it runs under (and who set them), refusals and recent requests. */
export function AgentPage({ agentId }: { agentId: string }) {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const agent = useQuery({ ...trpc.agents.get.queryOptions({ agentId }), refetchInterval: 2000, retry: false });
  const h = useHierarchy({ live: true });
  const effective = useQuery({ ...trpc.policies.effective.queryOptions({ agentId }), refetchInterval: 2000 });
  const budgets = useQuery({ ...trpc.budgets.list.queryOptions({ orgId }), refetchInterval: 2000 });
  const act = useNodeActions();
  const [renaming, setRenaming] = useState(false);

  if (agent.isPending) return <Center p="xl"><Loader size="sm" aria-label="Loading agent" /></Center>;
  if (agent.isError) {
    if (errorCode(agent.error) === 'NOT_FOUND') {
      return (
        <Stack align="center" mt="xl" data-testid="agent-not-found">
          <Title order={1} size="h3">Agent not found</Title>
          <Text c="dimmed">It may have been deleted.</Text>
          <Button component="a" href={orgHref(orgId, 'agents')} variant="light">Back to agents</Button>
        </Stack>
      );
    }
    return <ErrorAlert title="Could not load the agent" error={agent.error} retry={() => void agent.refetch()} />;
  }
  const hier = h.data;
  // agents.get returns the whole agent row, but its inferred type is the shared node row (see the report).
  const a = agent.data as unknown as Agent;
  const ws = hier?.workspace(a.workspaceId);
  const grp = hier?.group(a.agentGroupId);
  const disabledAbove = hier?.offViaParent('agent', a.id) ?? false;
  const ref = { kind: 'agent' as const, id: a.id, name: a.name };
  return (
    <Stack gap="lg">
      <PageHeader
        above={(
          <Breadcrumbs separator="›">
            <Anchor href={orgHref(orgId, 'agents')} size="sm">Agents</Anchor>
            <Text size="sm" c="dimmed">{ws?.name ?? '…'}</Text>
            <Text size="sm" c="dimmed">{grp?.name ?? '…'}</Text>
          </Breadcrumbs>
        )}
        title={<Group gap="sm" component="span">{a.name} <StatusBadge status={a.status} inherited={disabledAbove} /></Group>}
        description={a.status === 'disabled' ? `Disabled: ${a.disabledReason ?? 'by a user'}. Its requests are refused.`
          : disabledAbove ? 'A workspace or group above this agent is disabled, so its requests are refused.'
          : 'Requests with this agent’s keys are governed by the limits below and charged to the org balance.'}
        actions={can('member') && (
          <>
            <Button variant="default" onClick={() => setRenaming(true)}>Rename</Button>
            {a.status === 'active'
              ? <Button variant="default" color="red" loading={act.isPending} onClick={() => act.mutate({ op: 'disable', ...ref })}>Disable</Button>
              : <Button loading={act.isPending} onClick={() => act.mutate({ op: 'enable', ...ref })}>Enable</Button>}
          </>
        )} />
      <AgentStats agentId={agentId} />
      <KeysCard agentId={agentId} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">Effective policy</Title>
          <QueryState query={effective} label="Loading effective policy">
            {(p) => <EffectiveLimits policy={p} hierarchy={hier} caption="Effective policy" />}
          </QueryState>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">Budgets</Title>
          <QueryState query={budgets} label="Loading budgets">
            {(list) => <ChainBudgets budgets={chainBudgets(list, hier?.chainOf(agentId) ?? [])} hierarchy={hier} />}
          </QueryState>
        </Card>
      </SimpleGrid>
      {can('admin') && (
        <Card withBorder radius="md" padding="lg">
          <Title order={2} size="h4" mb="sm">Refused requests</Title>
          <DenialsList agentId={agentId} hierarchy={hier} />
        </Card>
      )}
      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="sm">Recent requests</Title>
        <RecentRequests scope={{ agentId }} />
      </Card>
      <NameDialog opened={renaming} title="Rename agent" label="New name" initial={a.name} submitLabel="Rename"
        loading={act.isPending} onClose={() => setRenaming(false)}
        onSubmit={(name) => act.mutate({ op: 'rename', kind: 'agent', id: a.id, name }, { onSuccess: () => setRenaming(false) })} />
    </Stack>
  );
}
