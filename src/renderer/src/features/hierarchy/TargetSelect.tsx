import { Select } from '@mantine/core';
import type { Hierarchy, Target } from './useHierarchy.ts';

export const targetKey = (t: Target): string => `${t.scope}:${t.id}`;
export function parseTargetKey(key: string | null): Target | null {
  if (!key) return null;
  const i = key.indexOf(':');
  const scope = key.slice(0, i);
  if (scope !== 'org' && scope !== 'workspace' && scope !== 'group' && scope !== 'agent') return null;
  return { scope, id: key.slice(i + 1) };
}

/** Options for every level of the org, grouped, with parents in the label ("Research / Bots / crawler"). */
export function targetOptions(h: Hierarchy, orgId: string, orgName: string, opts: { agentsOnly?: boolean } = {}) {
  const ws = (id: string) => h.workspace(id)?.name ?? '?';
  const agents = { group: 'Agents', items: h.agents.map((a) => ({ value: `agent:${a.id}`,
    label: `${ws(a.workspaceId)} / ${h.group(a.agentGroupId)?.name ?? '?'} / ${a.name}` })) };
  if (opts.agentsOnly) return [agents];
  return [
    { group: 'Organization', items: [{ value: `org:${orgId}`, label: orgName }] },
    { group: 'Workspaces', items: h.workspaces.map((w) => ({ value: `workspace:${w.id}`, label: w.name })) },
    { group: 'Agent groups', items: h.groups.map((g) => ({ value: `group:${g.id}`, label: `${ws(g.workspaceId)} / ${g.name}` })) },
    agents,
  ].filter((g) => g.items.length > 0);
}

interface Props {
  label: string;
  hierarchy: Hierarchy;
  orgId: string;
  orgName: string;
  value: Target | null;
  onChange: (t: Target | null) => void;
  agentsOnly?: boolean;
  description?: string;
  error?: string | undefined;
  clearable?: boolean;
}

/** Pick a level (org, workspace, group or agent) by name, searchable. */
export function TargetSelect({ label, hierarchy, orgId, orgName, value, onChange, agentsOnly, description, error, clearable }: Props) {
  return (
    <Select label={label} description={description} searchable clearable={clearable} allowDeselect={false} error={error}
      data={targetOptions(hierarchy, orgId, orgName, { agentsOnly })} value={value ? targetKey(value) : null}
      onChange={(k) => onChange(parseTargetKey(k))} nothingFoundMessage="Nothing matches" maxDropdownHeight={320} />
  );
}
