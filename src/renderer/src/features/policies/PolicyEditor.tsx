import type { FormEvent } from 'react';
import { useState } from 'react';
import { Alert, Button, Group, NumberInput, SegmentedControl, SimpleGrid, Stack, Switch, TagsInput, Text } from '@mantine/core';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { Policy } from '../../trpc/types.ts';
import type { Target } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import type { PolicyDraft } from './policyDraft.ts';
import { emptyDraft, policySchema, valuesOf } from './policyDraft.ts';

interface Props {
  target: Target;
  targetName: string;
  stored: Policy | undefined;
  draft: PolicyDraft;
  onDraft: (d: PolicyDraft) => void;
}

/** Edits one level's policy. Empty fields mean "no limit at this level" (a level above may still set one). */
export function PolicyEditor({ target, targetName, stored, draft, onDraft }: Props) {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const readOnly = !can('admin');
  const save = useAction(trpc.policies.set.mutationOptions(), { success: `Policy of ${targetName} saved`, error: false });
  const remove = useAction(trpc.policies.delete.mutationOptions(), { success: `Policy of ${targetName} removed` });
  const [confirming, setConfirming] = useState(false);
  const v = useValidation(save.error);
  const set = <K extends keyof PolicyDraft>(k: K, value: PolicyDraft[K]) => onDraft({ ...draft, [k]: value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values = v.check(policySchema, valuesOf(draft));
    if (values) save.mutate({ orgId, target, ...values });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Policy of ${targetName}`}>
      <Stack gap="md">
        <Switch label="Allow only some models" checked={draft.restrictModels} disabled={readOnly}
          onChange={(e) => set('restrictModels', e.currentTarget.checked)} />
        {draft.restrictModels && (
          <TagsInput label="Allowed models" description="Exact names or patterns with *, e.g. claude-* or mock-gpt. Press Enter after each."
            value={draft.allowedModels} onChange={(m) => set('allowedModels', m)} disabled={readOnly} clearable
            error={v.error('allowedModels')} maxTags={200} splitChars={[',', ' ']} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput label="Max tokens per request" placeholder="no limit" min={1} max={1e9} allowDecimal={false}
            value={draft.maxTokensPerRequest} onChange={(x) => set('maxTokensPerRequest', x)} disabled={readOnly}
            error={v.error('maxTokensPerRequest')} thousandSeparator="," />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="max-tokens-mode-label">Above the maximum</Text>
            <SegmentedControl aria-labelledby="max-tokens-mode-label" disabled={readOnly} value={draft.maxTokensMode}
              onChange={(m) => set('maxTokensMode', m === 'clamp' ? 'clamp' : 'reject')}
              data={[{ value: 'reject', label: 'Reject' }, { value: 'clamp', label: 'Clamp to max' }]} />
          </Stack>
          <NumberInput label="Requests per minute" placeholder="no limit" min={1} max={1e9} allowDecimal={false}
            value={draft.rpm} onChange={(x) => set('rpm', x)} disabled={readOnly} error={v.error('rpm')} thousandSeparator="," />
          <NumberInput label="Tokens per minute" placeholder="no limit" min={1} max={1e9} allowDecimal={false}
            value={draft.tpm} onChange={(x) => set('tpm', x)} disabled={readOnly} error={v.error('tpm')} thousandSeparator="," />
        </SimpleGrid>
        {v.formError && <Alert color="red" variant="light" role="alert">{v.formError}</Alert>}
        {readOnly ? <Text size="sm" c="dimmed">Only admins can change policies.</Text> : (
          <Group justify="space-between">
            <Button variant="subtle" color="gray" onClick={() => onDraft(emptyDraft)}>Clear fields</Button>
            <Group gap="xs">
              {stored && <Button variant="default" color="red" onClick={() => setConfirming(true)}>Remove policy</Button>}
              <Button type="submit" loading={save.isPending}>Save policy</Button>
            </Group>
          </Group>
        )}
      </Stack>
      <ConfirmDialog opened={confirming} onClose={() => setConfirming(false)} title={`Remove the policy of ${targetName}?`}
        confirmLabel="Remove policy" loading={remove.isPending}
        onConfirm={() => stored && remove.mutate({ policyId: stored.id }, { onSuccess: () => { setConfirming(false); onDraft(emptyDraft); } })}>
        Its limits stop applying at once; limits set on other levels stay.
      </ConfirmDialog>
    </form>
  );
}
