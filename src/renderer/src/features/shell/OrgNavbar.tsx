import { AppShell, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import type { OrgPage } from '../../router/routes.ts';
import { orgHref } from '../../router/routes.ts';
import { useOrg } from '../orgs/OrgContext.tsx';
import { NAV } from './nav.ts';
import { OrgSwitcher } from './OrgSwitcher.tsx';

/** The org's pages, grouped; the current one is marked for assistive tech with aria-current. */
export function OrgNavbar({ active, onNavigate }: { active: OrgPage; onNavigate: () => void }) {
  const { orgId, can } = useOrg();
  const sections = ['Monitor', 'Manage', 'Configure'] as const;
  return (
    <>
      <AppShell.Section p="sm" pb={0}><OrgSwitcher /></AppShell.Section>
      <AppShell.Section grow component={ScrollArea} p="sm">
        <nav aria-label="Organization">
          <Stack gap="md">
            {sections.map((section) => (
              <div key={section}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>{section}</Text>
                {NAV.filter((n) => n.section === section && can(n.role)).map((n) => (
                  <NavLink key={n.page} href={orgHref(orgId, n.page)} label={n.label} leftSection={<n.icon />}
                    active={active === n.page} aria-current={active === n.page ? 'page' : undefined}
                    onClick={onNavigate} style={{ borderRadius: 'var(--mantine-radius-md)' }} />
                ))}
              </div>
            ))}
          </Stack>
        </nav>
      </AppShell.Section>
    </>
  );
}
