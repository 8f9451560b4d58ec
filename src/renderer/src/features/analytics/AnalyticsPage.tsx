import { useEffect, useState } from 'react';
import { Button, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useNow } from '../../lib/useNow.ts';
import { navigate } from '../../router/useRoute.ts';
import { orgHref } from '../../router/routes.ts';
import { useHierarchy } from '../hierarchy/useHierarchy.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { AlertsCard } from './AlertsCard.tsx';
import { BurnCard } from './BurnCard.tsx';
import { RecentRequests } from './RecentRequests.tsx';
import type { Scope } from './scope.ts';
import { ScopePicker } from './ScopePicker.tsx';
import { SpendChart, VolumeChart } from './SpendChart.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import type { RangeKey } from './timeRange.ts';
import { RANGES, windowOf } from './timeRange.ts';
import { TopTable } from './TopTable.tsx';

const skippedKey = (orgId: string) => `tollgate.onboarding.skipped.${orgId}`;

/** Spend, burn, volume, errors and latency for the org or one level of it, refreshed every 2 s. */
export function AnalyticsPage() {
  const { orgId, can } = useOrg();
  const h = useHierarchy();
  const [range, setRange] = useState<RangeKey>('24h');
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const [scope, setScope] = useState<Scope>({});
  const now = useNow();
  const win = { ...windowOf(range, now), bucket };
  const pickRange = (r: RangeKey) => {
    setRange(r);
    setBucket(RANGES.find((x) => x.value === r)?.bucket ?? 'hour');
  };
  const empty = h.data !== null && h.data.workspaces.length === 0;
  // First run: an org with nothing in it opens the guided setup, once per browser session unless skipped.
  useEffect(() => {
    if (empty && can('member') && !sessionStorage.getItem(skippedKey(orgId))) {
      sessionStorage.setItem(skippedKey(orgId), '1');
      navigate({ name: 'org', orgId, page: 'welcome' }, { replace: true });
    }
  }, [empty, orgId]);
  return (
    <Stack gap="lg">
      <PageHeader title="Dashboard" description="Live usage and spend; updates every two seconds."
        actions={(
          <>
            <SegmentedControl aria-label="Time range" value={range} onChange={(v) => pickRange(v as RangeKey)}
              data={RANGES.map((r) => ({ value: r.value, label: r.label }))} />
            <SegmentedControl aria-label="Chart buckets" value={bucket} onChange={(v) => setBucket(v === 'day' ? 'day' : 'hour')}
              data={[{ value: 'hour', label: 'Hourly' }, { value: 'day', label: 'Daily' }]} />
          </>
        )} />
      {empty && (
        <Card withBorder radius="md" padding="lg">
          <Group justify="space-between">
            <div>
              <Title order={2} size="h4">Nothing here yet</Title>
              <Text size="sm" c="dimmed">Create a workspace, an agent and a key, and make a first request.</Text>
            </div>
            <Button component="a" href={orgHref(orgId, 'welcome')}>Get started</Button>
          </Group>
        </Card>
      )}
      {h.data && h.data.agents.length > 0 && <ScopePicker h={h.data} value={scope} onChange={setScope} orgId={orgId} />}
      <SummaryCards orgId={orgId} from={win.from} to={win.to} scope={scope} />
      <BurnCard orgId={orgId} />
      <AlertsCard orgId={orgId} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SpendChart orgId={orgId} win={win} scope={scope} />
        <VolumeChart orgId={orgId} win={win} scope={scope} />
      </SimpleGrid>
      <TopTable orgId={orgId} from={win.from} to={win.to} scope={scope} />
      <Card withBorder radius="md" padding="lg">
        <Title order={2} size="h4" mb="sm">Recent requests</Title>
        <RecentRequests limit={10} scope={scope} />
      </Card>
    </Stack>
  );
}
