import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { CopyField } from '../../components/CopyField.tsx';
import { agentHref, orgHref } from '../../router/routes.ts';
import { ConnectSnippets } from '../connect/ConnectSnippets.tsx';
import { useOrg } from '../orgs/OrgContext.tsx';

/** The agent's first key, shown once, and how to use it. */
export function KeyStep({ plaintext, agentId }: { plaintext: string; agentId: string }) {
  const { orgId } = useOrg();
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" title="Copy your key now">
        This is the only time it is shown; Tollgate keeps only a hash. You can always create another key on the agent's page.
      </Alert>
      <CopyField value={plaintext} label="Copy API key" testId="api-key" />
      <Title order={2} size="h4">Connect an agent</Title>
      <ConnectSnippets apiKey={plaintext} />
      <Group gap="xs">
        <Button component="a" href={agentHref(orgId, agentId)}>Open the agent</Button>
        <Button component="a" href={orgHref(orgId, 'dashboard')} variant="default">Go to the dashboard</Button>
      </Group>
    </Stack>
  );
}
