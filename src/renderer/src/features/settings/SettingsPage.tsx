import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useTRPC } from '../../trpc/client.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { InstanceCard } from './InstanceCard.tsx';
import { OrgSettingsCard } from './OrgSettingsCard.tsx';

export function SettingsPage() {
  const trpc = useTRPC();
  const { orgId, org } = useOrg();
  const settings = useQuery(trpc.settings.get.queryOptions({ orgId }));
  return (
    <Stack gap="lg">
      <PageHeader title="Settings" description="This organization's defaults and alerts, and the instance it runs on." />
      <QueryState query={settings} label="Loading settings">
        {(s) => <OrgSettingsCard key={`${org.name}|${org.timezone}|${JSON.stringify(s)}`} settings={s} />}
      </QueryState>
      <InstanceCard />
    </Stack>
  );
}
