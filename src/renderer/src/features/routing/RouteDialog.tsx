import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { modelName } from '../../../../main/core/api/schemas.ts';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { RouteRow } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { DialogActions } from '../../components/DialogActions.tsx';

/** Mirror of routing.set's input: the alias is a model name, the target `provider:model`. */
const schema = z.object({
  alias: modelName,
  target: z.string().trim().regex(/^(openai|anthropic|mock):[^\s]{1,200}$/, 'use provider:model, e.g. anthropic:claude-sonnet-4-5'),
});
const PROVIDERS = [{ value: 'openai', label: 'OpenAI-compatible' }, { value: 'anthropic', label: 'Anthropic' }, { value: 'mock', label: 'Mock' }];

export function RouteDialog({ opened, onClose, editing }: { opened: boolean; onClose: () => void; editing: RouteRow | null }) {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const [alias, setAlias] = useState('');
  const [provider, setProvider] = useState('openai');
  const [model, setModel] = useState('');
  const save = useAction(trpc.routing.set.mutationOptions(), { success: (_d, v) => `“${v.alias}” now routes to ${v.target}`, error: false });
  const v = useValidation(save.error);
  useEffect(() => {
    if (!opened) return;
    save.reset(); v.clear();
    const [p, ...rest] = (editing?.target ?? 'openai:').split(':');
    setAlias(editing?.alias ?? ''); setProvider(p ?? 'openai'); setModel(rest.join(':'));
  }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(schema, { alias, target: `${provider}:${model.trim()}` });
    if (input) save.mutate({ orgId, ...input }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Route “${editing.alias}”` : 'New route'} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="Model name agents ask for" required value={alias} disabled={editing !== null} data-autofocus
            onChange={(e) => setAlias(e.currentTarget.value)} error={v.error('alias')} placeholder="e.g. claude-sonnet" />
          <Select label="Provider" data={PROVIDERS} value={provider} onChange={(p) => setProvider(p ?? 'openai')} allowDeselect={false} />
          <TextInput label="Upstream model" required value={model} onChange={(e) => setModel(e.currentTarget.value)}
            error={v.error('target')} placeholder="e.g. claude-sonnet-4-5" />
          <DialogActions error={v.formError} onCancel={onClose} loading={save.isPending} submitLabel="Save route" />
        </Stack>
      </form>
    </Modal>
  );
}
