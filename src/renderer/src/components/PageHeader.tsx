import type { ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

/** Every page starts with one h1, a sentence saying what the page is for, and its main actions. */
export function PageHeader({ title, description, actions, above }: {
  title: ReactNode; description?: ReactNode; actions?: ReactNode; above?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="wrap" gap="sm">
      <Stack gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
        {above}
        <Title order={1} size="h2">{title}</Title>
        {description && <Text c="dimmed" size="sm">{description}</Text>}
      </Stack>
      {actions && <Group gap="xs" style={{ flex: 'none' }}>{actions}</Group>}
    </Group>
  );
}
