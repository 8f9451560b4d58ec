import { useEffect } from 'react';
import { Button, Center, Container, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/QueryState.tsx';
import { BuildingIcon } from '../../components/icons.tsx';
import { useRoute, navigate } from '../../router/useRoute.ts';
import { useTRPC } from '../../trpc/client.ts';
import { CreateOrgForm } from '../orgs/CreateOrgForm.tsx';
import { Layout } from './Layout.tsx';
import { OrgScope } from './OrgScope.tsx';

/** Routes a signed-in user: home picks an org, /o/<id>/… opens it, anything else is a 404. */
export function SignedIn() {
  const route = useRoute();
  if (route.name === 'org' || route.name === 'agent') return <OrgScope route={route} />;
  if (route.name === 'notFound') return <NotFound />;
  return <Home />;
}

/** With orgs: open the first. Without (a later user not yet invited): offer to create one. */
function Home() {
  const trpc = useTRPC();
  const orgs = useQuery(trpc.orgs.listMine.queryOptions());
  const first = orgs.data?.[0];
  useEffect(() => {
    if (first) navigate({ name: 'org', orgId: first.id, page: 'dashboard' }, { replace: true });
  }, [first]);
  return (
    <Layout>
      <Container size="sm" mt="xl">
        {orgs.isPending || first ? <Center p="xl"><Loader size="sm" aria-label="Loading organizations" /></Center> : null}
        {orgs.isError && <ErrorAlert title="Could not load your organizations" error={orgs.error} retry={() => void orgs.refetch()} />}
        {orgs.isSuccess && !first && (
          <Paper withBorder p="xl" radius="lg">
            <Stack gap="md">
              <ThemeIcon variant="light" size={48} radius="xl"><BuildingIcon size={26} /></ThemeIcon>
              <Title order={1} size="h3">You are not in an organization yet</Title>
              <Text c="dimmed" size="sm">
                Ask an admin to invite your email address (you join as soon as they do), or create an organization of your own.
              </Text>
              <CreateOrgForm />
            </Stack>
          </Paper>
        )}
      </Container>
    </Layout>
  );
}

function NotFound() {
  return (
    <Layout>
      <Container size="sm" mt="xl">
        <Stack align="center" gap="sm">
          <Title order={1} size="h3">Page not found</Title>
          <Text c="dimmed">There is nothing at this address.</Text>
          <Button component="a" href="#/" variant="light">Go to your organizations</Button>
        </Stack>
      </Container>
    </Layout>
  );
}
