import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

/** The foot of a dialog's form: its form-level error, then Cancel and the submit button. */
export function DialogActions({ error, onCancel, submitLabel, loading }: {
  error: string | null | undefined; onCancel: () => void; submitLabel: ReactNode; loading: boolean;
}) {
  return (
    <>
      {error && <Alert color="red" variant="light" role="alert">{error}</Alert>}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onCancel}>Cancel</Button>
        <Button type="submit" loading={loading}>{submitLabel}</Button>
      </Group>
    </>
  );
}
