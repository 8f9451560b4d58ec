import { Alert, Text } from '@mantine/core';

/** Shown where the panel is ready but the server does not offer the procedure yet. */
export function ComingSoon({ what }: { what: string }) {
  return (
    <Alert color="gray" variant="light" title="Coming soon" data-testid="coming-soon">
      <Text size="sm">{what}</Text>
    </Alert>
  );
}
