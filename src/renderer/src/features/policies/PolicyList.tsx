import { EmptyState, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { LevelBadge } from '../../components/LevelBadge.tsx';
import { ShieldIcon } from '../../components/icons.tsx';
import { formatInt } from '../../lib/format.ts';
import type { Policy } from '../../trpc/types.ts';
import type { Hierarchy, Target } from '../hierarchy/useHierarchy.ts';

const summary = (p: Policy): string => [
  p.allowedModels ? `models: ${p.allowedModels.length === 0 ? 'none' : p.allowedModels.join(', ')}` : null,
  p.maxTokensPerRequest !== null ? `max ${formatInt(p.maxTokensPerRequest)} tokens (${p.maxTokensMode})` : null,
  p.rpm !== null ? `${formatInt(p.rpm)} RPM` : null,
  p.tpm !== null ? `${formatInt(p.tpm)} TPM` : null,
].filter(Boolean).join(' · ') || 'no limits';

/** Every level that has a policy; choosing one opens it in the editor. */
export function PolicyList({ policies, hierarchy, onPick, selected }: {
  policies: Policy[]; hierarchy: Hierarchy; onPick: (t: Target) => void; selected: Target | null;
}) {
  if (policies.length === 0) {
    return <EmptyState size="sm" icon={<ShieldIcon />} title="No policies yet" description="Pick a level above and save limits for it." />;
  }
  return (
    <Table verticalSpacing="xs" highlightOnHover aria-label="Levels with a policy">
      <Table.Thead><Table.Tr><Table.Th>Level</Table.Th><Table.Th>Limits</Table.Th></Table.Tr></Table.Thead>
      <Table.Tbody>
        {policies.map((p) => {
          const isSel = selected?.scope === p.scope && selected.id === p.targetId;
          return (
            <Table.Tr key={p.id} bg={isSel ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <UnstyledButton onClick={() => onPick({ scope: p.scope, id: p.targetId })} aria-pressed={isSel}>
                  <Group gap={6} wrap="wrap"><LevelBadge scope={p.scope} /><Text span size="sm" fw={500}>{hierarchy.nameOf(p.scope, p.targetId)}</Text></Group>
                </UnstyledButton>
              </Table.Td>
              <Table.Td><Text size="sm">{summary(p)}</Text></Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
