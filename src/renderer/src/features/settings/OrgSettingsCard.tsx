import type { FormEvent } from 'react';
import { useState } from 'react';
import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, TextInput, Title } from '@mantine/core';
import { z } from 'zod';
import { name } from '../../../../main/core/api/schemas.ts';
import { useAction } from '../../lib/useAction.ts';
import { useValidation } from '../../lib/useValidation.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { OrgSettings } from '../../trpc/types.ts';
import { useOrg } from '../orgs/OrgContext.tsx';

/** Mirror of the server's orgSettingsSchema (services/settings.ts sits beside drizzle, so it is not importable). */
const settingsSchema = z.object({
  lowBalanceCredits: z.number().min(0).max(1e9),
  budgetAlertPercents: z.array(z.number().int('whole percents').min(1).max(100)).max(5, 'at most 5 thresholds'),
  defaultModel: z.string().trim().min(1, 'a model is required').max(200),
});
// Chromium's list has no plain "UTC", which is every org's default.
const ZONES: string[] = (() => {
  try { return ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]; } catch { return ['UTC']; }
})();

/** Name, time zone (budget periods follow it), low-balance and budget alerts, default model. */
export function OrgSettingsCard({ settings }: { settings: OrgSettings }) {
  const trpc = useTRPC();
  const { orgId, org, can } = useOrg();
  const ro = !can('admin');
  const [orgName, setOrgName] = useState(org.name);
  const [zone, setZone] = useState(org.timezone);
  const [low, setLow] = useState<number | string>(settings.lowBalanceCredits);
  const [percents, setPercents] = useState(settings.budgetAlertPercents.map(String));
  const [model, setModel] = useState(settings.defaultModel);
  const rename = useAction(trpc.orgs.rename.mutationOptions(), { error: false });
  const setTz = useAction(trpc.orgs.setTimezone.mutationOptions(), { error: false });
  const update = useAction(trpc.settings.update.mutationOptions(), { success: 'Settings saved', error: false });
  const v = useValidation(update.error ?? rename.error ?? setTz.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const okName = v.check(z.object({ name }), { name: orgName });
    if (!okName) return;
    const patch = v.check(settingsSchema, { lowBalanceCredits: low === '' ? undefined : Number(low), budgetAlertPercents: percents.map(Number), defaultModel: model });
    if (!patch) return;
    if (okName.name !== org.name) await rename.mutateAsync({ orgId, name: okName.name });
    if (zone !== org.timezone) await setTz.mutateAsync({ orgId, timezone: zone });
    update.mutate({ orgId, patch });
  };
  return (
    <Card withBorder radius="md" padding="lg">
      <Title order={2} size="h4" mb="md">Organization</Title>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required value={orgName} onChange={(e) => setOrgName(e.currentTarget.value)} disabled={ro} error={v.error('name')} />
            <Select label="Time zone" description="Daily and monthly budgets reset at midnight here." searchable data={ZONES}
              value={zone} onChange={(z2) => setZone(z2 ?? 'UTC')} allowDeselect={false} disabled={ro} error={v.error('timezone')} />
            <NumberInput label="Low-balance alert (credits)" min={0} decimalScale={2} value={low} onChange={setLow} disabled={ro}
              error={v.error('lowBalanceCredits')} description="Notify when the balance drops below this." thousandSeparator="," />
            <TagsInput label="Budget alerts at (% of a budget)" value={percents} disabled={ro} maxTags={5}
              onChange={(p) => setPercents(p.filter((x) => /^\d+$/.test(x)))} error={v.error('budgetAlertPercents')}
              description="Type a number and press Enter, e.g. 80." />
            <TextInput label="Default model" value={model} onChange={(e) => setModel(e.currentTarget.value)} disabled={ro}
              error={v.error('defaultModel')} description="Used when a request names no model." />
          </SimpleGrid>
          {v.formError && <Alert color="red" variant="light" role="alert">{v.formError}</Alert>}
          {!ro && <Group justify="flex-end"><Button type="submit" loading={update.isPending || rename.isPending || setTz.isPending}>Save settings</Button></Group>}
        </Stack>
      </form>
    </Card>
  );
}
