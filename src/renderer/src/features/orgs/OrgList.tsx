import { Alert, Badge, Button, EmptyState, Group, Loader, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { BuildingIcon } from '../../components/icons.tsx';
import { useTRPC } from '../../trpc/client.ts';

/** The organizations the signed-in user belongs to, with their role in each. */
export function OrgList() {
  const trpc = useTRPC();
  const orgs = useQuery(trpc.orgs.listMine.queryOptions());

  if (orgs.isPending) return <Group justify="center" p="xl"><Loader size="sm" aria-label="Loading organizations" /></Group>;
  if (orgs.isError) {
    return (
      <Alert color="red" variant="light" title="Could not load organizations">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{orgs.error.message}</Text>
          <Button size="xs" variant="light" color="red" onClick={() => void orgs.refetch()}>Try again</Button>
        </Stack>
      </Alert>
    );
  }
  if (orgs.data.length === 0) {
    return (
      <EmptyState icon={<BuildingIcon />} title="No organizations yet"
        description="Ask an admin to invite you, or create an organization." />
    );
  }
  return (
    <Stack gap="sm" component="ul" aria-label="Your organizations" p={0} m={0} style={{ listStyle: 'none' }}>
      {orgs.data.map((org) => (
        <Paper key={org.id} component="li" withBorder p="md" radius="md">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg" radius="md"><BuildingIcon /></ThemeIcon>
              <div>
                <Text fw={600}>{org.name}</Text>
                <Text size="xs" c="dimmed">
                  {org.timezone} · created {new Date(org.createdAt).toLocaleDateString()}
                </Text>
              </div>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {org.status !== 'active' && <Badge color="gray" variant="outline">{org.status}</Badge>}
              <Badge variant="light">{org.role}</Badge>
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
