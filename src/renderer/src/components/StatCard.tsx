import type { ReactNode } from 'react';
import { Paper, Text } from '@mantine/core';

/** A labelled figure: "Spend (24 h)  12.50". */
export function StatCard({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{label}</Text>
      <Text fz={24} fw={700} mt={4} lh={1.2} data-testid={testId ? `${testId}-value` : undefined}>{value}</Text>
      {hint && <Text size="xs" c="dimmed" mt={4}>{hint}</Text>}
    </Paper>
  );
}
