import { Button, Center, Container, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/QueryState.tsx';
import type { Route } from '../../router/routes.ts';
import { useTRPC } from '../../trpc/client.ts';
import { errorCode } from '../../trpc/errors.ts';
import { OrgProvider } from '../orgs/OrgContext.tsx';
import { Layout } from './Layout.tsx';
import { OrgNavbar } from './OrgNavbar.tsx';
import { OrgPageView } from './OrgPageView.tsx';

type OrgRoute = Extract<Route, { name: 'org' | 'agent' }>;

/** Loads the org named in the URL (and the caller's role there), then the page. Another tenant's org is a 404. */
export function OrgScope({ route }: { route: OrgRoute }) {
  const trpc = useTRPC();
  const org = useQuery({ ...trpc.orgs.get.queryOptions({ orgId: route.orgId }), retry: false });
  if (org.isPending) return <Layout><Center mt={96}><Loader aria-label="Loading organization" /></Center></Layout>;
  if (org.isError) {
    const missing = errorCode(org.error) === 'NOT_FOUND' || errorCode(org.error) === 'FORBIDDEN';
    return (
      <Layout>
        <Container size="sm" mt="xl">
          {missing ? (
            <Stack align="center" gap="sm" data-testid="org-not-found">
              <Title order={1} size="h3">Organization not found</Title>
              <Text c="dimmed" ta="center">It does not exist, or you are not a member of it.</Text>
              <Button component="a" href="#/" variant="light">Go to your organizations</Button>
            </Stack>
          ) : <ErrorAlert title="Could not load the organization" error={org.error} retry={() => void org.refetch()} />}
        </Container>
      </Layout>
    );
  }
  const active = route.name === 'agent' ? 'agents' : route.page;
  return (
    <OrgProvider org={org.data}>
      <Layout navbar={(close) => <OrgNavbar active={active} onNavigate={close} />}>
        <OrgPageView route={route} />
      </Layout>
    </OrgProvider>
  );
}
