import { Badge } from '@mantine/core';

/** active / disabled, and "disabled above" when a parent level is off (the agent is then refused too). */
export function StatusBadge({ status, inherited }: { status: string; inherited?: boolean }) {
  if (status === 'active' && inherited) return <Badge color="orange" variant="light">off via parent</Badge>;
  if (status === 'active') return <Badge color="teal" variant="light">active</Badge>;
  return <Badge color="gray" variant="filled">{status}</Badge>;
}
