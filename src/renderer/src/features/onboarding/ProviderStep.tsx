import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Radio, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatMicroCredits } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useTRPC } from '../../trpc/client.ts';
import { CredentialDialog } from '../credentials/CredentialDialog.tsx';
import { useOrg } from '../orgs/OrgContext.tsx';

export const STARTER_CREDITS = 10;

/** Where answers come from (the offline mock by default) and starter credits so the first call is not refused. */
export function ProviderStep({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const { orgId, can } = useOrg();
  const [choice, setChoice] = useState('mock');
  const [addingKey, setAddingKey] = useState(false);
  const [starter, setStarter] = useState(true);
  const balance = useQuery({ ...trpc.credits.balance.queryOptions({ orgId }), retry: false });
  const creds = useQuery(trpc.credentials.list.queryOptions({ orgId }));
  // One starter purchase per org: the fixed key makes a second click (or a second onboarding) a no-op.
  const buy = useAction(trpc.credits.purchase.mutationOptions(), {
    success: (r) => (r.replayed ? 'Starter credits were already added' : `${STARTER_CREDITS} starter credits added`),
    error: 'Could not add starter credits',
  });
  const next = () => {
    if (starter && can('admin')) buy.mutate({ orgId, amountCredits: STARTER_CREDITS, idempotencyKey: `starter-credits:${orgId}` }, { onSuccess: onDone });
    else onDone();
  };
  return (
    <Stack gap="md" maw={560}>
      <Radio.Group label="Where should answers come from?" value={choice} onChange={setChoice}>
        <Stack gap="xs" mt="xs">
          <Radio value="mock" label="Mock provider: works offline, no key needed (model mock-gpt)" />
          <Radio value="byok" label="My own OpenAI-compatible or Anthropic key" />
        </Stack>
      </Radio.Group>
      {choice === 'byok' && (
        <Group gap="sm">
          <Button variant="light" onClick={() => setAddingKey(true)} disabled={!can('admin')}>Add a provider key…</Button>
          <Text size="sm" c="dimmed">{creds.data?.length ? `${creds.data.length} key(s) stored` : 'none stored yet'}</Text>
        </Group>
      )}
      {can('admin') ? (
        <Checkbox checked={starter} onChange={(e) => setStarter(e.currentTarget.checked)}
          label={`Add ${STARTER_CREDITS} starter credits`}
          description={balance.data ? `Current balance: ${formatMicroCredits(balance.data.balanceMicro)} credits. Requests are refused without credits.` : 'Requests are refused without credits.'} />
      ) : <Alert variant="light" color="gray">Ask an admin to add credits; requests are refused without them.</Alert>}
      <Group><Button onClick={next} loading={buy.isPending}>Continue</Button></Group>
      <CredentialDialog opened={addingKey} onClose={() => setAddingKey(false)} />
    </Stack>
  );
}
