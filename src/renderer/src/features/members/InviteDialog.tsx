import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { z } from 'zod';
import { email, role } from '../../../../main/core/api/schemas.ts';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { roleOptions } from './roles.ts';
import { DialogActions } from '../../components/DialogActions.tsx';

const schema = z.object({ email, role });

/** Adds an existing user at once, or records an invite that becomes a membership when they register. */
export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const { orgId, role: mine } = useOrg();
  const [values, setValues] = useState({ email: '', role: 'member' });
  const invite = useAction(trpc.orgs.members.invite.mutationOptions(), {
    success: (r, v) => (r.status === 'added' ? `${v.email} added to the organization` : `${v.email} invited: they join when they register`),
    error: false,
  });
  const v = useValidation(invite.error);
  useEffect(() => { if (opened) { setValues({ email: '', role: 'member' }); invite.reset(); v.clear(); } }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = v.check(schema, values);
    if (input) invite.mutate({ orgId, ...input }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Invite a member" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label="Email" type="email" required value={values.email} data-autofocus
            onChange={(e) => { const x = e.currentTarget.value; setValues((s) => ({ ...s, email: x })); }} error={v.error('email')} />
          <Select label="Role" data={roleOptions(mine)} value={values.role} allowDeselect={false}
            onChange={(r) => setValues((s) => ({ ...s, role: r ?? 'member' }))} error={v.error('role')} />
          <DialogActions error={v.formError} onCancel={onClose} loading={invite.isPending} submitLabel="Invite" />
        </Stack>
      </form>
    </Modal>
  );
}
