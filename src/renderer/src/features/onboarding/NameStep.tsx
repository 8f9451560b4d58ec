import type { FormEvent } from 'react';
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { z } from 'zod';
import { name as nameSchema } from '../../../../main/core/api/schemas.ts';
import { useValidation } from '../../lib/useValidation.ts';

const schema = z.object({ name: nameSchema });

interface Props {
  label: string;
  help: string;
  initial: string;
  submitLabel: string;
  loading: boolean;
  error: unknown;
  onSubmit: (name: string) => void;
  onBack?: () => void;
}

/** One "name this level" step of the onboarding. */
export function NameStep({ label, help, initial, submitLabel, loading, error, onSubmit, onBack }: Props) {
  const [value, setValue] = useState(initial);
  const v = useValidation(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(schema, { name: value });
    if (input) onSubmit(input.name);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        <Text size="sm" c="dimmed">{help}</Text>
        <TextInput label={label} required value={value} onChange={(e) => setValue(e.currentTarget.value)}
          error={v.error('name')} data-autofocus autoFocus maxLength={100} />
        {v.formError && <Alert color="red" variant="light" role="alert">{v.formError}</Alert>}
        <Group gap="xs">
          {onBack && <Button variant="default" onClick={onBack}>Back</Button>}
          <Button type="submit" loading={loading}>{submitLabel}</Button>
        </Group>
      </Stack>
    </form>
  );
}
