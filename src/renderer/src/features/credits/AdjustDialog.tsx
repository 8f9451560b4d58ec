import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { useAction } from '../../lib/useAction.ts';
import { formatMicroCredits } from '../../lib/format.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { LedgerEntry } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { adjustSchema, newIdempotencyKey, refundSchema } from './moneySchemas.ts';
import { DialogActions } from '../../components/DialogActions.tsx';

/** A signed correction (adjust), or, given a charge, a refund of all or part of it. Both need a reason. */
export function AdjustDialog({ opened, onClose, refundOf }: { opened: boolean; onClose: () => void; refundOf: LedgerEntry | null }) {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const adjust = useAction(trpc.credits.adjust.mutationOptions(), { success: 'Balance adjusted', error: false });
  const refund = useAction(trpc.credits.refund.mutationOptions(), { success: 'Charge refunded', error: false });
  const active = refundOf ? refund : adjust;
  const v = useValidation(active.error);
  useEffect(() => { if (opened) { setKey(newIdempotencyKey()); setAmount(''); setReason(''); adjust.reset(); refund.reset(); v.clear(); } }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const amountCredits = amount === '' ? undefined : Number(amount);
    if (refundOf) {
      const input = v.check(refundSchema, { amountCredits, reason });
      if (input) refund.mutate({ orgId, entryId: refundOf.id, ...input, idempotencyKey: key }, { onSuccess: onClose });
    } else {
      const input = v.check(adjustSchema, { amountCredits, reason });
      if (input) adjust.mutate({ orgId, ...input, idempotencyKey: key }, { onSuccess: onClose });
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={refundOf ? 'Refund a charge' : 'Adjust the balance'} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <NumberInput label="Amount (credits)" decimalScale={6} value={amount} onChange={setAmount} data-autofocus
            required={!refundOf} error={v.error('amountCredits')} allowNegative={!refundOf} min={refundOf ? 0 : undefined}
            placeholder={refundOf ? `all of ${formatMicroCredits(-refundOf.amountMicro)}` : undefined}
            description={refundOf ? 'Leave empty to refund what is left of the charge.' : 'Negative takes credits away (never below zero).'} />
          <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)}
            error={v.error('reason')} maxLength={500} />
          <DialogActions error={v.formError} onCancel={onClose} loading={active.isPending} submitLabel={refundOf ? 'Refund' : 'Adjust'} />
        </Stack>
      </form>
    </Modal>
  );
}
