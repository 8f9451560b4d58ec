import type { FormEvent } from 'react';
import { useState } from 'react';
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { name } from '../../../../main/core/api/schemas.ts';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { navigate } from '../../router/useRoute.ts';
import { useTRPC } from '../../trpc/client.ts';

const schema = z.object({ name });

/** Creates an org owned by the caller and opens its onboarding. */
export function CreateOrgForm({ onCreated }: { onCreated?: () => void }) {
  const trpc = useTRPC();
  const [value, setValue] = useState('');
  const create = useAction(trpc.orgs.create.mutationOptions(), {
    success: (o) => `Organization “${o.name}” created`, error: false,
  });
  const v = useValidation(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(schema, { name: value });
    if (!input) return;
    create.mutate(input, {
      onSuccess: (org) => {
        onCreated?.();
        navigate({ name: 'org', orgId: org.id, page: 'welcome' });
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label="Organization name" required value={value} data-autofocus
          onChange={(e) => setValue(e.currentTarget.value)} error={v.error('name')} />
        {v.formError && <Alert color="red" variant="light" role="alert">{v.formError}</Alert>}
        <Button type="submit" loading={create.isPending}>Create organization</Button>
      </Stack>
    </form>
  );
}
