import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { name, provider } from '../../../../main/core/api/schemas.ts';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { DialogActions } from '../../components/DialogActions.tsx';

/** Mirror of credentials.create's input (the router builds it beside Node code), from the server's pieces. */
const baseUrl = z.string().trim().url('a full URL, e.g. https://openrouter.ai/api/v1').max(500)
  .refine((u) => /^https?:\/\//.test(u), 'http(s) URL required');
const schema = z.object({ provider, label: name, baseUrl: baseUrl.nullable(), secret: z.string().min(1, 'the key is required').max(4000) });

export const PROVIDER_LABEL: Record<string, string> = { openai: 'OpenAI-compatible', anthropic: 'Anthropic', mock: 'Mock (offline)' };
const HINT: Record<string, string> = {
  openai: 'Leave empty for api.openai.com; set it for OpenRouter, Ollama, vLLM or LM Studio.',
  anthropic: 'Leave empty for api.anthropic.com.',
  mock: 'The mock provider needs no key; one stored here is ignored.',
};

/** Adds a BYOK provider key. The secret goes to the server once and is never shown again (only its last 4). */
export function CredentialDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const [values, setValues] = useState({ provider: 'openai', label: '', baseUrl: '', secret: '' });
  const create = useAction(trpc.credentials.create.mutationOptions(), { success: (c) => `Key “${c.label}” stored`, error: false });
  const v = useValidation(create.error);
  useEffect(() => { if (opened) { setValues({ provider: 'openai', label: '', baseUrl: '', secret: '' }); create.reset(); v.clear(); } }, [opened]);
  const set = (k: keyof typeof values) => (val: string) => setValues((s) => ({ ...s, [k]: val }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(schema, { ...values, baseUrl: values.baseUrl.trim() === '' ? null : values.baseUrl });
    if (input) create.mutate({ orgId, ...input }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Add a provider key" centered>
      <form onSubmit={submit} noValidate autoComplete="off">
        <Stack gap="md">
          <Select label="Provider" data={Object.entries(PROVIDER_LABEL).map(([value, label]) => ({ value, label }))}
            value={values.provider} onChange={(p) => set('provider')(p ?? 'openai')} allowDeselect={false} error={v.error('provider')} />
          <TextInput label="Label" required placeholder="e.g. Team OpenAI key" value={values.label} data-autofocus
            onChange={(e) => set('label')(e.currentTarget.value)} error={v.error('label')} />
          <TextInput label="Base URL" placeholder="optional" description={HINT[values.provider]} value={values.baseUrl}
            onChange={(e) => set('baseUrl')(e.currentTarget.value)} error={v.error('baseUrl')} />
          <PasswordInput label="API key" required value={values.secret} autoComplete="off"
            description="Encrypted at rest; it cannot be displayed again after saving."
            onChange={(e) => set('secret')(e.currentTarget.value)} error={v.error('secret')}
            aria-invalid={v.error('secret') ? true : undefined} />
          <DialogActions error={v.formError} onCancel={onClose} loading={create.isPending} submitLabel="Save key" />
        </Stack>
      </form>
    </Modal>
  );
}
