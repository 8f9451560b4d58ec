import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatMicroCredits } from '../../lib/format.ts';
import { useTRPC } from '../../trpc/client.ts';
import type { LedgerEntry } from '../../trpc/types.ts';
import { useHierarchy } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { AdjustDialog } from './AdjustDialog.tsx';
import { BalanceCard } from './BalanceCard.tsx';
import { BuyDialog } from './BuyDialog.tsx';
import { LedgerTable } from './LedgerTable.tsx';

/** Balance, purchases and adjustments, and the ledger every charge lands in. */
export function CreditsPage() {
  const { can } = useOrg();
  const h = useHierarchy();
  const [buying, setBuying] = useState(false);
  const [adjust, setAdjust] = useState<{ refundOf: LedgerEntry | null } | null>(null);
  return (
    <Stack gap="lg">
      <PageHeader title="Credits" description="Requests are charged to the org's credit balance, which is the sum of an append-only ledger." />
      <BalanceCard onBuy={() => setBuying(true)} onAdjust={() => setAdjust({ refundOf: null })} />
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">Ledger</Title>
          {can('admin') && <VerifyButton />}
        </Group>
        <LedgerTable hierarchy={h.data} onRefund={(e) => setAdjust({ refundOf: e })} />
      </Card>
      <BuyDialog opened={buying} onClose={() => setBuying(false)} />
      <AdjustDialog opened={adjust !== null} refundOf={adjust?.refundOf ?? null} onClose={() => setAdjust(null)} />
    </Stack>
  );
}

/** Recomputes the balance and every rollup from the entries on the server and says whether they agree. */
function VerifyButton() {
  const trpc = useTRPC();
  const { orgId } = useOrg();
  const [asked, setAsked] = useState(false);
  const q = useQuery({ ...trpc.ledger.verify.queryOptions({ orgId }), enabled: asked, staleTime: 0 });
  return (
    <Group gap="sm">
      {q.data && (
        <Alert py={4} px="sm" variant="light" color={q.data.ok ? 'teal' : 'red'} role="status">
          <Text size="sm">{q.data.ok
            ? `Verified: ${q.data.entries} entries sum to ${formatMicroCredits(q.data.balance.computedMicro)}`
            : `Drift found in ${q.data.driftCount} rollup(s); stored balance ${formatMicroCredits(q.data.balance.storedMicro)}, computed ${formatMicroCredits(q.data.balance.computedMicro)}`}</Text>
        </Alert>
      )}
      {q.error && <Text size="sm" c="red">{q.error.message}</Text>}
      <Button size="xs" variant="default" loading={q.isFetching} onClick={() => (asked ? void q.refetch() : setAsked(true))}>Verify ledger</Button>
    </Group>
  );
}
