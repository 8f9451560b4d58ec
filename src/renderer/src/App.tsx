import { Alert, Button, Center, Container, Loader, Stack, Text } from '@mantine/core';
import { AuthForms } from './features/auth/AuthForms.tsx';
import { useSession } from './features/session/useSession.ts';
import { Layout } from './features/shell/Layout.tsx';
import { SignedIn } from './features/shell/SignedIn.tsx';

/** Session gate: sign-in for strangers, the routed panel for everyone else. */
export function App() {
  const session = useSession();
  if (session.isSuccess && session.data.user) return <SignedIn />;
  return (
    <Layout>
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
      {session.isSuccess && <AuthForms />}
    </Layout>
  );
}
