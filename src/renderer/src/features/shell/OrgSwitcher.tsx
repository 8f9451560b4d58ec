import { useState } from 'react';
import { Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BuildingIcon, ChevronDownIcon, PlusIcon } from '../../components/icons.tsx';
import { orgHref } from '../../router/routes.ts';
import { useTRPC } from '../../trpc/client.ts';
import { CreateOrgDialog } from '../orgs/CreateOrgDialog.tsx';
import { useOrg } from '../orgs/OrgContext.tsx';

/** Which org the panel shows; a menu to switch to another of the user's orgs or create one. */
export function OrgSwitcher() {
  const trpc = useTRPC();
  const { org } = useOrg();
  const mine = useQuery(trpc.orgs.listMine.queryOptions());
  const [creating, setCreating] = useState(false);
  return (
    <>
      <Menu position="bottom-start" width={260} withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={`Organization: ${org.name}. Switch organization`} p="xs" w="100%"
            style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-default-border)' }}>
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <BuildingIcon />
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600} truncate data-testid="current-org">{org.name}</Text>
                  <Text size="xs" c="dimmed">{org.role}</Text>
                </div>
              </Group>
              <ChevronDownIcon size={16} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Your organizations</Menu.Label>
          {(mine.data ?? []).map((o) => (
            <Menu.Item key={o.id} component="a" href={orgHref(o.id, 'dashboard')}
              rightSection={o.id === org.id ? <Badge size="xs" variant="light">current</Badge> : null}>
              {o.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>New organization</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateOrgDialog opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
