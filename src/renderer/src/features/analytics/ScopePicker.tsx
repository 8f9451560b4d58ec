import { Anchor, Group, Select } from '@mantine/core';
import { agentHref } from '../../router/routes.ts';
import type { Hierarchy } from '../hierarchy/useHierarchy.ts';
import type { Scope } from './scope.ts';

/** Drill-down: org → workspace → group → agent. Choosing a level clears the ones below it. */
export function ScopePicker({ h, value, onChange, orgId }: { h: Hierarchy; value: Scope; onChange: (s: Scope) => void; orgId: string }) {
  const groups = h.groups.filter((g) => !value.workspaceId || g.workspaceId === value.workspaceId);
  const agents = h.agents.filter((a) => (!value.workspaceId || a.workspaceId === value.workspaceId) && (!value.agentGroupId || a.agentGroupId === value.agentGroupId));
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select label="Workspace" placeholder="All workspaces" clearable w={190} value={value.workspaceId ?? null}
        data={h.workspaces.map((w) => ({ value: w.id, label: w.name }))}
        onChange={(w) => onChange(w ? { workspaceId: w } : {})} />
      <Select label="Group" placeholder="All groups" clearable w={190} value={value.agentGroupId ?? null}
        data={groups.map((g) => ({ value: g.id, label: g.name }))}
        onChange={(g) => onChange(g ? { workspaceId: h.group(g)?.workspaceId, agentGroupId: g } : { workspaceId: value.workspaceId })} />
      <Select label="Agent" placeholder="All agents" clearable searchable w={190} value={value.agentId ?? null}
        data={agents.map((a) => ({ value: a.id, label: a.name }))}
        onChange={(a) => {
          const ag = a ? h.agent(a) : undefined;
          onChange(ag ? { workspaceId: ag.workspaceId, agentGroupId: ag.agentGroupId, agentId: ag.id } : { workspaceId: value.workspaceId, agentGroupId: value.agentGroupId });
        }} />
      {value.agentId && <Anchor href={agentHref(orgId, value.agentId)} size="sm" pb={8}>Open agent page</Anchor>}
    </Group>
  );
}
