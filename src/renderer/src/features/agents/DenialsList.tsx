import { EmptyState, Stack, Text, Group, Paper } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ShieldIcon } from '../../components/icons.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { Hierarchy, Scope } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { SetBy } from '../policies/EffectiveLimits.tsx';

const SCOPES = ['org', 'workspace', 'group', 'agent'];
const asScope = (s: string): Scope | null => (SCOPES.includes(s) ? (s as Scope) : null);

/**
 * Why this agent's requests were refused: the gateway audits each denial (once per limit and minute) with the level
 * and limit that refused it, as `request.<code>` entries whose actor is the agent.
 */
export function DenialsList({ agentId, hierarchy }: { agentId: string; hierarchy: Hierarchy | null }) {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const q = useQuery({ ...trpc.audit.list.queryOptions({ orgId, actorId: agentId, limit: 50 }), refetchInterval: 2000 });
  return (
    <QueryState query={q} label="Loading denials">
      {(page) => {
        const denials = page.items.filter((e) => e.action.startsWith('request.')).slice(0, 10);
        if (denials.length === 0) {
          return <EmptyState size="sm" icon={<ShieldIcon />} title="No refused requests" description="Every request so far passed the policy, rate limits, budgets and balance." />;
        }
        return (
          <Stack gap="xs" aria-label="Refused requests">
            {denials.map((d) => {
              const details = d.details as { message?: string; period?: string | null; level?: string; targetId?: string; target_id?: string };
              // Budget and balance refusals name the level as the entry's target; policy refusals (allowlist, token cap,
              // rate limit) are filed under the agent with the level in the details, sometimes without its id.
              const scope = asScope(details.level ?? '') ?? asScope(d.targetType);
              const targetId = details.targetId ?? details.target_id
                ?? (scope === d.targetType ? d.targetId : hierarchy?.chainOf(agentId).find((c) => c.scope === scope)?.id) ?? null;
              return (
                <Paper key={d.id} withBorder p="sm" radius="md" data-testid="denial">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Group gap="xs">
                      <Text size="sm" fw={600}>{d.action.replace(/^request\./, '').replace(/_/g, ' ')}</Text>
                      <Text size="sm" c="dimmed">by</Text>
                      <SetBy scope={scope} targetId={targetId} hierarchy={hierarchy} />
                      {details.period && <Text size="sm" c="dimmed">({details.period.toLowerCase()} budget)</Text>}
                    </Group>
                    <Text size="xs" c="dimmed" title={formatDateTime(d.createdAt)}>{formatRelative(d.createdAt)}</Text>
                  </Group>
                  {details.message && (
                    <Text size="sm" mt={4} data-testid="denial-message">
                      {/* The server names levels by id; the panel knows their names. */}
                      {targetId && scope && hierarchy ? details.message.replace(targetId, `“${hierarchy.nameOf(scope, targetId)}”`) : details.message}
                    </Text>
                  )}
                </Paper>
              );
            })}
          </Stack>
        );
      }}
    </QueryState>
  );
}
