import type { ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { isMissingProcedure } from '../trpc/errors.ts';
import { ComingSoon } from './ComingSoon.tsx';

interface Props<T> {
  query: UseQueryResult<T, unknown>;
  /** Read by screen readers while loading, e.g. "Loading agents". */
  label: string;
  children: (data: T) => ReactNode;
  /** What is missing when the server does not have this procedure yet. */
  coming?: string;
}

/** Loading, error (with retry) and data states for one query, so every page handles all three the same way. */
export function QueryState<T>({ query, label, children, coming }: Props<T>) {
  if (query.isPending) {
    return <Center p="xl"><Loader size="sm" aria-label={label} /></Center>;
  }
  if (query.isError) {
    if (coming && isMissingProcedure(query.error)) return <ComingSoon what={coming} />;
    return <ErrorAlert title={`Could not load: ${label.replace(/^Loading /, '')}`} error={query.error} retry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}

export function ErrorAlert({ title, error, retry }: { title: string; error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {retry && <Button size="xs" variant="light" color="red" onClick={retry}>Try again</Button>}
      </Stack>
    </Alert>
  );
}
