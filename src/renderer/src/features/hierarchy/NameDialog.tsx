import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { name as nameSchema } from '../../../../main/core/api/schemas.ts';
import { useValidation } from '../../lib/useValidation.ts';

const schema = z.object({ name: nameSchema });

interface Props {
  opened: boolean;
  title: string;
  label: string;
  initial?: string;
  submitLabel: string;
  loading?: boolean;
  serverError?: unknown;
  onSubmit: (name: string) => void;
  onClose: () => void;
}

/** Name something new or rename it; validated with the server's `name` schema (1–100 characters, trimmed). */
export function NameDialog({ opened, title, label, initial = '', submitLabel, loading, serverError, onSubmit, onClose }: Props) {
  const [value, setValue] = useState(initial);
  const v = useValidation(serverError);
  useEffect(() => { if (opened) setValue(initial); }, [opened, initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(schema, { name: value });
    if (input) onSubmit(input.name);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={label} required value={value} data-autofocus error={v.error('name') ?? v.formError ?? undefined}
            onChange={(e) => setValue(e.currentTarget.value)} maxLength={100} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button type="submit" loading={loading}>{submitLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
