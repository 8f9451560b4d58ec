import { Autocomplete, Select, SimpleGrid, TextInput } from '@mantine/core';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './auditVocab.ts';

export interface AuditFilter {
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string;
  from: string;
  to: string;
}
export const noFilter: AuditFilter = { actorId: null, action: '', targetType: null, targetId: '', from: '', to: '' };

/** Actor, action, target and day range; every change starts again from the newest entry. */
export function AuditFilters({ value, onChange, actors }: {
  value: AuditFilter; onChange: (f: AuditFilter) => void; actors: { value: string; label: string }[];
}) {
  const set = <K extends keyof AuditFilter>(k: K, v: AuditFilter[K]) => onChange({ ...value, [k]: v });
  return (
    <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }} spacing="sm" mb="md">
      <Select label="Actor" placeholder="Anyone" clearable searchable data={actors} value={value.actorId}
        onChange={(a) => set('actorId', a)} />
      <Autocomplete label="Action" placeholder="Any action" data={AUDIT_ACTIONS} value={value.action}
        onChange={(a) => set('action', a)} />
      <Select label="Target type" placeholder="Any" clearable data={AUDIT_TARGET_TYPES} value={value.targetType}
        onChange={(t) => set('targetType', t)} />
      <TextInput label="Target id" placeholder="e.g. key_…" value={value.targetId}
        onChange={(e) => set('targetId', e.currentTarget.value)} />
      <TextInput label="From" type="date" value={value.from} onChange={(e) => set('from', e.currentTarget.value)} />
      <TextInput label="To" type="date" value={value.to} onChange={(e) => set('to', e.currentTarget.value)} />
    </SimpleGrid>
  );
}
