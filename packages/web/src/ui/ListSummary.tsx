import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n/useI18n';

/**
 * A list's count from its `totalCount` — "12 tickets" when every row is on screen, "Showing 25 of
 * 1,234 tickets" while more can be loaded — announced politely as it changes, with the list's
 * actions (Export CSV) beside it. Nothing until the first page has come.
 */
export function ListSummary({
  shown,
  total,
  count,
  children,
}: {
  /** Rows on screen. */
  shown: number;
  /** The list's totalCount; undefined until it has loaded. */
  total: number | undefined;
  /** The whole count in words: `(n) => t('tickets.count', { count: n })`. */
  count: (n: number) => string;
  children?: ReactNode;
}) {
  const { t, locale } = useI18n();
  if (total === undefined) return null;
  const text =
    shown < total ? t('list.showing', { shown: new Intl.NumberFormat(locale).format(shown), total: count(total) }) : count(total);
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed" aria-live="polite">
        {text}
      </Text>
      {children}
    </Group>
  );
}
