import { useState } from 'react';
import { Badge, EmptyState, Group, Select, Stack, Text } from '@mantine/core';
import { mergePolicies } from '../../../../main/core/governance/policy-merge.ts';
import { ShieldIcon } from '../../components/icons.tsx';
import type { Policy } from '../../trpc/types.ts';
import type { Hierarchy, Target } from '../hierarchy/useHierarchy.ts';
import { EffectiveLimits } from './EffectiveLimits.tsx';
import type { PolicyValues } from './policyDraft.ts';
import { previewChain } from './policyDraft.ts';

/**
 * What an agent under the edited level would run under if the draft were saved: the same merge the gateway uses
 * (core/governance/policy-merge.ts, imported as is), fed with the stored policies and the draft.
 */
export function PolicyPreview({ target, hierarchy, stored, draft, dirty }: {
  target: Target; hierarchy: Hierarchy; stored: Policy[]; draft: PolicyValues | null; dirty: boolean;
}) {
  const agents = hierarchy.agentsUnder(target);
  const [picked, setPicked] = useState<string | null>(null);
  const agentId = agents.some((a) => a.id === picked) ? picked : agents[0]?.id ?? null;
  if (!agentId) {
    return <EmptyState size="sm" icon={<ShieldIcon />} title="No agent to preview" description="Add an agent under this level to see the limits it would get." />;
  }
  const merged = mergePolicies(previewChain(hierarchy.chainOf(agentId), stored, target, draft));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Select label="Preview for agent" data={agents.map((a) => ({ value: a.id, label: a.name }))} value={agentId}
          onChange={setPicked} allowDeselect={false} searchable w={260} maw="100%" />
        {dirty ? <Badge color="yellow" variant="light">includes unsaved changes</Badge> : <Badge variant="light" color="gray">saved</Badge>}
      </Group>
      <EffectiveLimits policy={merged} hierarchy={hierarchy} caption="Merged policy preview" />
      <Text size="xs" c="dimmed">The most restrictive value on the chain org → workspace → group → agent wins; allowlists intersect.</Text>
    </Stack>
  );
}
