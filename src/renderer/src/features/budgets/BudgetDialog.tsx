import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { Modal, NumberInput, Select, Stack, Switch } from '@mantine/core';
import { useAction } from '../../lib/useAction.ts';
import { microToCredits } from '../../lib/format.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { Budget } from '../../trpc/types.ts';
import type { Hierarchy, Target } from '../hierarchy/useHierarchy.ts';
import { TargetSelect } from '../hierarchy/TargetSelect.tsx';
import { useOrg } from '../orgs/OrgContext.tsx';
import { PERIOD_LABEL, PERIODS } from './budgetMath.ts';
import { createBudgetSchema, updateBudgetSchema } from './budgetSchema.ts';
import { DialogActions } from '../../components/DialogActions.tsx';

interface Props {
  opened: boolean;
  onClose: () => void;
  hierarchy: Hierarchy;
  /** Editing changes the limit and auto-disable; level and period are fixed once created. */
  editing: Budget | null;
  initialTarget?: Target;
}

export function BudgetDialog({ opened, onClose, hierarchy, editing, initialTarget }: Props) {
  const trpc = useTRPC();
  const { orgId, org } = useOrg();
  const [target, setTarget] = useState<Target | null>(null);
  const [period, setPeriod] = useState<string>('MONTHLY');
  const [limit, setLimit] = useState<number | string>('');
  const [autoDisable, setAutoDisable] = useState(false);
  const create = useAction(trpc.budgets.create.mutationOptions(), { success: 'Budget created', error: false });
  const update = useAction(trpc.budgets.update.mutationOptions(), { success: 'Budget updated', error: false });
  const active = editing ? update : create;
  const v = useValidation(active.error);
  useEffect(() => {
    if (!opened) return;
    create.reset(); update.reset(); v.clear();
    setTarget(editing ? { scope: editing.scope, id: editing.targetId } : initialTarget ?? { scope: 'org', id: orgId });
    setPeriod(editing?.period ?? 'MONTHLY');
    setLimit(editing ? microToCredits(editing.limitMicro) : '');
    setAutoDisable(editing?.autoDisable ?? false);
  }, [opened]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const limitCredits = limit === '' ? undefined : Number(limit);
    if (editing) {
      const input = v.check(updateBudgetSchema, { limitCredits });
      if (input) update.mutate({ budgetId: editing.id, limitCredits: input.limitCredits, autoDisable }, { onSuccess: onClose });
      return;
    }
    const input = v.check(createBudgetSchema, { target, period, limitCredits, autoDisable });
    if (input) create.mutate({ orgId, ...input }, { onSuccess: onClose });
  };
  return (
    <Modal opened={opened} onClose={onClose} title={editing ? 'Edit budget' : 'New budget'} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {!editing && (
            <TargetSelect label="Applies to" hierarchy={hierarchy} orgId={orgId} orgName={org.name} value={target}
              onChange={setTarget} error={v.error('target')} description="Every agent under this level counts against it." />
          )}
          <Select label="Period" data={PERIODS.map((p) => ({ value: p, label: PERIOD_LABEL[p] }))} value={period}
            onChange={(p) => setPeriod(p ?? 'MONTHLY')} disabled={editing !== null} allowDeselect={false} error={v.error('period')}
            description="Daily and monthly budgets reset in the org's time zone; total never resets." />
          <NumberInput label="Limit (credits)" required min={0} decimalScale={6} value={limit} onChange={setLimit}
            error={v.error('limitCredits')} data-autofocus thousandSeparator="," />
          <Switch label="Disable the level when the budget is reached" checked={autoDisable}
            onChange={(e) => setAutoDisable(e.currentTarget.checked)} />
          <DialogActions error={v.formError} onCancel={onClose} loading={active.isPending} submitLabel={editing ? 'Save budget' : 'Create budget'} />
        </Stack>
      </form>
    </Modal>
  );
}
