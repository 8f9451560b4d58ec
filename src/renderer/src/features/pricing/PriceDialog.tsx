import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { modelName, provider, usd } from '../../../../main/core/api/schemas.ts';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { PriceRow } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { DialogActions } from '../../components/DialogActions.tsx';

/** Mirror of pricing.upsert's input, from the server's pieces (USD per million tokens, ≤ 10,000). */
const schema = z.object({
  modelPattern: modelName, provider, inputUsdPerMtok: usd, outputUsdPerMtok: usd,
  maxOutputTokens: z.number().int().min(0).max(10_000_000),
});
const num = (v: number | string): number | undefined => (v === '' ? undefined : Number(v));

export function PriceDialog({ opened, onClose, editing }: { opened: boolean; onClose: () => void; editing: PriceRow | null }) {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const [pattern, setPattern] = useState('');
  const [prov, setProv] = useState('openai');
  const [input, setInput] = useState<number | string>('');
  const [output, setOutput] = useState<number | string>('');
  const [maxOut, setMaxOut] = useState<number | string>(8192);
  const save = useAction(trpc.pricing.upsert.mutationOptions(), { success: (_d, v) => `Price of ${v.modelPattern} saved for this org`, error: false });
  const v = useValidation(save.error);
  useEffect(() => {
    if (!opened) return;
    save.reset(); v.clear();
    setPattern(editing?.modelPattern ?? ''); setProv(editing?.provider ?? 'openai');
    setInput(editing ? editing.inputMicroUsdPerMtok / 1e6 : ''); setOutput(editing ? editing.outputMicroUsdPerMtok / 1e6 : '');
    setMaxOut(editing?.maxOutputTokens ?? 8192);
  }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const values = v.check(schema, { modelPattern: pattern, provider: prov, inputUsdPerMtok: num(input), outputUsdPerMtok: num(output), maxOutputTokens: num(maxOut) });
    if (values) save.mutate({ orgId, ...values }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={editing ? `Price of ${editing.modelPattern}` : 'New price'} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="Model or pattern" required value={pattern} disabled={editing !== null} data-autofocus
            onChange={(e) => setPattern(e.currentTarget.value)} error={v.error('modelPattern')} placeholder="e.g. my-model or llama-*" />
          <Select label="Provider" data={['openai', 'anthropic', 'mock']} value={prov} onChange={(p) => setProv(p ?? 'openai')} allowDeselect={false} />
          <SimpleGrid cols={2}>
            <NumberInput label="Input, USD per 1M tokens" required min={0} max={10_000} decimalScale={6} prefix="$" value={input} onChange={setInput} error={v.error('inputUsdPerMtok')} />
            <NumberInput label="Output, USD per 1M tokens" required min={0} max={10_000} decimalScale={6} prefix="$" value={output} onChange={setOutput} error={v.error('outputUsdPerMtok')} />
          </SimpleGrid>
          <NumberInput label="Max output tokens" description="Used to reserve the worst case before a request runs." required min={0}
            max={10_000_000} allowDecimal={false} value={maxOut} onChange={setMaxOut} error={v.error('maxOutputTokens')} thousandSeparator="," />
          <DialogActions error={v.formError} onCancel={onClose} loading={save.isPending} submitLabel="Save price" />
        </Stack>
      </form>
    </Modal>
  );
}
