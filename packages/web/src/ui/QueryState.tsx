import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n/useI18n';

/** Loading, error and empty states shared by every list. */
export function QueryState({
  loading,
  error,
  empty,
  emptyText,
  onRetry,
  children,
}: {
  loading: boolean;
  error?: { message: string } | null;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  if (error)
    return (
      <Alert color="red" role="alert" title={t('common.error', { message: error.message })}>
        {onRetry && (
          <Button variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Alert>
    );
  if (loading)
    return (
      <Center py="xl" aria-live="polite">
        <Stack align="center" gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('common.loading')}</Text>
        </Stack>
      </Center>
    );
  if (empty)
    return (
      <Text c="dimmed" py="md">
        {emptyText ?? t('common.empty')}
      </Text>
    );
  return <>{children}</>;
}
