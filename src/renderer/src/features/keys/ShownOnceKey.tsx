import { Alert, Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { CopyField } from '../../components/CopyField.tsx';
import { ConnectSnippets } from '../connect/ConnectSnippets.tsx';

/** The new key's plaintext, shown this once with a copy button and ready-made connection snippets. */
export function ShownOnceKey({ plaintext, name, onClose }: { plaintext: string | null; name: string; onClose: () => void }) {
  return (
    <Modal opened={plaintext !== null} onClose={onClose} title={`API key “${name}” created`} size="xl" centered
      closeOnClickOutside={false}>
      {plaintext && (
        <Stack gap="md">
          <Alert color="yellow" variant="light" title="Copy it now">
            This is the only time the key is shown. Tollgate stores only a hash of it.
          </Alert>
          <CopyField value={plaintext} label="Copy API key" testId="api-key" />
          <Title order={2} size="h5">Connect an agent</Title>
          <ConnectSnippets apiKey={plaintext} />
          <Group justify="flex-end"><Button onClick={onClose}>I have copied the key</Button></Group>
          <Text size="xs" c="dimmed">Lost it? Revoke this key and create a new one.</Text>
        </Stack>
      )}
    </Modal>
  );
}
