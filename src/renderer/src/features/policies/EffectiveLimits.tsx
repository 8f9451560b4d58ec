import { Anchor, Group, Table, Text } from '@mantine/core';
import { LevelBadge } from '../../components/LevelBadge.tsx';
import type { EffectivePolicy, Sourced } from '../../../../main/core/governance/policy-merge.ts';
import { formatInt } from '../../lib/format.ts';
import { agentHref, orgHref } from '../../router/routes.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import type { Hierarchy, Scope } from '../hierarchy/useHierarchy.ts';

/** Which level set a limit, linked to where it can be changed. */
export function SetBy({ scope, targetId, hierarchy }: { scope: Scope | null; targetId: string | null; hierarchy: Hierarchy | null }) {
  const { orgId } = useOrg();
  if (!scope || !targetId) return <Text size="sm" c="dimmed">not limited</Text>;
  const name = hierarchy?.nameOf(scope, targetId) ?? targetId;
  const href = scope === 'agent' ? agentHref(orgId, targetId) : orgHref(orgId, 'policies');
  return (
    <Group gap={6} wrap="wrap">
      <LevelBadge scope={scope} />
      <Anchor href={href} size="sm">{name}</Anchor>
    </Group>
  );
}

const value = (s: Sourced<number | null>, unit: string) => (s.value === null ? 'no limit' : `${formatInt(s.value)} ${unit}`);

/** The merged policy an agent runs under: each limit, its value, and the level that set it. */
export function EffectiveLimits({ policy, hierarchy, caption }: {
  policy: EffectivePolicy; hierarchy: Hierarchy | null; caption: string;
}) {
  const rows: { label: string; value: string; source: Sourced<unknown> }[] = [
    {
      label: 'Allowed models',
      value: policy.allowedModels.value === null ? 'any model'
        : policy.allowedModels.value.length === 0 ? 'none (lists do not overlap)' : policy.allowedModels.value.join(', '),
      source: policy.allowedModels,
    },
    {
      label: 'Max tokens per request',
      value: policy.maxTokensPerRequest.value === null ? 'no limit'
        : `${formatInt(policy.maxTokensPerRequest.value)} (${policy.maxTokensPerRequest.mode === 'clamp' ? 'clamped' : 'rejected above'})`,
      source: policy.maxTokensPerRequest,
    },
    { label: 'Requests per minute', value: value(policy.rpm, 'RPM'), source: policy.rpm },
    { label: 'Tokens per minute', value: value(policy.tpm, 'TPM'), source: policy.tpm },
  ];
  return (
    <div className="tg-table-scroll">
      <Table verticalSpacing="xs" aria-label={caption}>
        <Table.Thead><Table.Tr><Table.Th>Limit</Table.Th><Table.Th>Effective value</Table.Th><Table.Th>Set by</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.label} data-testid="effective-row" data-limit={r.label}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td fw={500}>{r.value}</Table.Td>
              <Table.Td><SetBy scope={r.source.scope} targetId={r.source.targetId} hierarchy={hierarchy} /></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
