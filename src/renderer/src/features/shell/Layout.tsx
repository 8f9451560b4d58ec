import type { ReactNode } from 'react';
import { Anchor, AppShell, Badge, Burger, Button, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { LogoMark } from '../../components/icons.tsx';
import { ThemeToggle } from '../../components/ThemeToggle.tsx';
import { useAuthMutations, useSession } from '../session/useSession.ts';

/**
 * The frame of every screen: header (product, user, theme) and, inside an org, the navigation. `navbar` is a
 * render function so it can close the mobile drawer after a click.
 */
export function Layout({ navbar, children }: { navbar?: (close: () => void) => ReactNode; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const session = useSession();
  const { logout } = useAuthMutations();
  const user = session.data?.user ?? null;
  return (
    <AppShell header={{ height: 60 }} padding="lg"
      navbar={navbar ? { width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            {navbar && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />}
            <Anchor href="#/" underline="never" c="inherit" aria-label="Tollgate home">
              <Group gap="xs" wrap="nowrap">
                <LogoMark />
                <Text fw={700} size="lg">Tollgate</Text>
              </Group>
            </Anchor>
            <Text c="dimmed" size="sm" visibleFrom="xs">Control panel</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {/* The desktop's local owner has no password and a synthetic address: nothing to show or sign out of. */}
            {user && session.data?.localOwner && <Badge variant="light" color="gray">Local owner</Badge>}
            {user && !session.data?.localOwner && (
              <>
                <Text size="sm" c="dimmed" visibleFrom="sm" data-testid="signed-in-email">{user.email}</Text>
                <Button variant="default" size="xs" loading={logout.isPending}
                  onClick={() => logout.mutate(undefined, { onSuccess: () => { window.location.hash = '#/'; } })}>
                  Sign out
                </Button>
              </>
            )}
            <ThemeToggle />
          </Group>
        </Group>
      </AppShell.Header>
      {navbar && <AppShell.Navbar>{navbar(close)}</AppShell.Navbar>}
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
