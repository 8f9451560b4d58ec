import { Alert, AppShell, Badge, Button, Center, Container, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { LogoMark } from './components/icons.tsx';
import { ThemeToggle } from './components/ThemeToggle.tsx';
import { AuthForms } from './features/auth/AuthForms.tsx';
import { OrgList } from './features/orgs/OrgList.tsx';
import { useAuthMutations, useSession } from './features/session/useSession.ts';

/** Placeholder shell of the control panel: header, then sign-in or the user's organizations. */
export function App() {
  const session = useSession();
  const { logout } = useAuthMutations();
  const user = session.data?.user ?? null;

  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <LogoMark />
            <Text fw={700} size="lg">Tollgate</Text>
            <Text c="dimmed" size="sm" visibleFrom="xs">Control panel</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* The desktop's local owner has no password and a synthetic address: nothing to show or sign out of. */}
            {user && session.data?.localOwner && <Badge variant="light" color="gray">Local owner</Badge>}
            {user && !session.data?.localOwner && (
              <>
                <Text size="sm" c="dimmed" visibleFrom="sm">{user.email}</Text>
                <Button variant="default" size="xs" loading={logout.isPending} onClick={() => logout.mutate(undefined)}>
                  Sign out
                </Button>
              </>
            )}
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Main>
        {session.isPending && <Center mt={96}><Loader aria-label="Loading" /></Center>}
        {session.isError && (
          <Container size="sm" mt="xl">
            <Alert color="red" variant="light" title="Tollgate is not reachable">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{session.error.message}</Text>
                <Button size="xs" variant="light" color="red" onClick={() => void session.refetch()}>Try again</Button>
              </Stack>
            </Alert>
          </Container>
        )}
        {session.isSuccess && !user && <AuthForms />}
        {session.isSuccess && user && (
          <Container size="md" mt="lg">
            <Stack gap={4} mb="lg">
              <Title order={1} size="h2">Organizations</Title>
              <Text c="dimmed">Signed in as {user.name}. Pick an organization to manage its agents, keys and budgets.</Text>
            </Stack>
            <OrgList />
          </Container>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
