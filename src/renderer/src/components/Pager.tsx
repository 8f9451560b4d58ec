import { Button, Group, Text } from '@mantine/core';
import type { useCursorPages } from '../lib/useCursorPages.ts';

/** "Page N" with Newer / Older under a cursor-paged list; Older follows the server's nextCursor. */
export function Pager({ pages, nextCursor }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined }) {
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">Page {pages.page}</Text>
      <Group gap="xs">
        <Button size="xs" variant="default" disabled={pages.page === 1} onClick={pages.newer}>Newer</Button>
        <Button size="xs" variant="default" disabled={!nextCursor} onClick={() => nextCursor && pages.older(nextCursor)}>Older</Button>
      </Group>
    </Group>
  );
}
