import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
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
 * Loading, error and empty states shared by every list and detail: pass the `useQuery` result.
 * The spinner shows only until the first data arrives; a refetch keeps the rows on screen.
 * Loading and empty are announced politely (role=status), an error at once (role=alert).
 */
export function QueryState({
  query,
  empty = false,
  emptyText,
  children,
}: {
  query: QueryLike;
  empty?: boolean;
  emptyText?: string;
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
  if (empty)
    return (
      <Text c="dimmed" py="md" role="status">
        {emptyText ?? t('common.empty')}
      </Text>
    );
  return <>{children}</>;
}
