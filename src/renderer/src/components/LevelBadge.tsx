import { Badge } from '@mantine/core';

const COLOR = { org: 'grape', workspace: 'blue', group: 'cyan', agent: 'teal' } as const;

/** The level a limit, budget or policy belongs to; short so it never truncates in a table cell. */
export function LevelBadge({ scope }: { scope: keyof typeof COLOR }) {
  return (
    <Badge size="xs" variant="light" color={COLOR[scope]} style={{ flexShrink: 0, overflow: 'visible' }}>
      {scope}
    </Badge>
  );
}
