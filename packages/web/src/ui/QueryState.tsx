import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n/useI18n';

/** What QueryState reads of an Apollo `useQuery` result (or of anything that loads). */
export interface QueryLike {
  loading: boolean;
  error?: { message: string } | null;
  data?: unknown;
  refetch?: () => unknown;
}

/**
 * A list's filters, for its empty state: with any active, an empty list says nothing matches them
 * (not that there is nothing yet) and offers to clear them.
 */
export interface ListFilters {
  active: boolean;
  /** Default: "Nothing matches these filters." */
  noMatchText?: string;
  onClear: () => void;
  /** Default: "Clear filters" (a list whose only filter is a search says "Clear search"). */
  clearLabel?: string;
}

/**
 * Loading, error and empty states shared by every list and detail: pass the `useQuery` result.
 * The spinner shows only until the first data arrives; a refetch keeps the rows on screen.
 * Loading and empty are announced politely (role=status), an error at once (role=alert). An empty
 * list tells "nothing here yet" (`emptyText`) from "nothing matches these filters" (`filters`).
 */
export function QueryState({
  query,
  empty = false,
  emptyText,
  filters,
  children,
}: {
  query: QueryLike;
  empty?: boolean;
  emptyText?: string;
  filters?: ListFilters;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { loading, error, data, refetch } = query;
  if (error)
    return (
      <Alert color="red" role="alert" title={t('common.error', { message: error.message })}>
        {refetch && (
          <Button variant="light" color="red" onClick={() => void refetch()}>
            {t('common.retry')}
          </Button>
        )}
      </Alert>
    );
  if (loading && !data)
    return (
      <Center py="xl" role="status">
        <Stack align="center" gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('common.loading')}</Text>
        </Stack>
      </Center>
    );
  if (empty && filters?.active)
    return (
      <Group py="md" gap="sm">
        <Text c="dimmed" role="status">
          {filters.noMatchText ?? t('list.noMatch')}
        </Text>
        <Button variant="light" size="xs" onClick={filters.onClear}>
          {filters.clearLabel ?? t('list.clearFilters')}
        </Button>
      </Group>
    );
  if (empty)
    return (
      <Text c="dimmed" py="md" role="status">
        {emptyText ?? t('common.empty')}
      </Text>
    );
  return <>{children}</>;
}
