import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { name as nameSchema } from '../../../../main/core/api/schemas.ts';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import { EXPIRY_CHOICES, expiryDate } from './keyStatus.ts';
import { DialogActions } from '../../components/DialogActions.tsx';

const schema = z.object({ name: nameSchema });

interface Props {
  agentId: string;
  opened: boolean;
  onClose: () => void;
  /** Receives the plaintext key, which the server returns only this once. */
  onCreated: (plaintext: string, name: string) => void;
}

export function CreateKeyDialog({ agentId, opened, onClose, onCreated }: Props) {
  const trpc = useTRPC();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<string>('never');
  const create = useAction(trpc.apiKeys.create.mutationOptions(), { error: false });
  const v = useValidation(create.error);
  useEffect(() => { if (opened) { setName(''); setExpiry('never'); create.reset(); } }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(schema, { name });
    if (!input) return;
    create.mutate({ agentId, name: input.name, expiresAt: expiryDate(expiry) }, {
      onSuccess: (r) => onCreated(r.plaintext, r.key.name),
    });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="New API key" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="Key name" description="Where the key is used, e.g. “laptop” or “CI”." required data-autofocus
            value={name} onChange={(e) => setName(e.currentTarget.value)} error={v.error('name')} maxLength={100} />
          <Select label="Expires" data={EXPIRY_CHOICES.map((c) => ({ ...c }))} value={expiry} allowDeselect={false}
            onChange={(val) => setExpiry(val ?? 'never')} error={v.error('expiresAt')} />
          <DialogActions error={v.formError} onCancel={onClose} loading={create.isPending} submitLabel="Create key" />
        </Stack>
      </form>
    </Modal>
  );
}
