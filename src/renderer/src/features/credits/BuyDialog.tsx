import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Chip, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { newIdempotencyKey, purchaseSchema } from './moneySchemas.ts';
import { DialogActions } from '../../components/DialogActions.tsx';

const PRESETS = [10, 50, 100, 500];

/**
 * Buys credits. The idempotency key is made when the dialog opens and kept until it closes, so submitting twice
 * (double click, retry after a network error) records one purchase; the server answers the replay with the original.
 */
export function BuyDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const [amount, setAmount] = useState<number | string>(100);
  const [key, setKey] = useState(newIdempotencyKey);
  const buy = useAction(trpc.credits.purchase.mutationOptions(), {
    success: (r) => (r.replayed ? 'Already bought: this purchase was recorded once' : 'Credits added'), error: false,
  });
  const v = useValidation(buy.error);
  useEffect(() => { if (opened) { setKey(newIdempotencyKey()); setAmount(100); buy.reset(); v.clear(); } }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(purchaseSchema, { amountCredits: amount === '' ? undefined : Number(amount) });
    if (input) buy.mutate({ orgId, amountCredits: input.amountCredits, idempotencyKey: key }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Buy credits" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Chip.Group value={String(amount)} onChange={(x) => setAmount(Number(x))}>
            <Group gap="xs" role="group" aria-label="Common amounts">
              {PRESETS.map((p) => <Chip key={p} value={String(p)} size="sm">{p}</Chip>)}
            </Group>
          </Chip.Group>
          <NumberInput label="Amount (credits)" required min={0} decimalScale={6} value={amount} onChange={setAmount}
            error={v.error('amountCredits')} data-autofocus thousandSeparator="," />
          <Text size="xs" c="dimmed">Idempotency key: <Text span ff="monospace" size="xs">{key}</Text></Text>
          <DialogActions error={v.formError} onCancel={onClose} loading={buy.isPending} submitLabel={<>Buy {amount === '' ? '' : amount} credits</>} />
        </Stack>
      </form>
    </Modal>
  );
}
