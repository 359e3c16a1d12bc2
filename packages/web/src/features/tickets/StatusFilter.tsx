import { Chip, Group, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import type { TicketStatus } from '../../gql/graphql';
import { STATUSES } from './StatusBadge';

/** Several statuses at once, each a checkbox chip; none chosen means every status. */
export function StatusFilter({ value, onChange }: { value: TicketStatus[]; onChange: (next: TicketStatus[]) => void }) {
  const { t } = useI18n();
  const labelId = useId();
  return (
    <Stack gap={4} role="group" aria-labelledby={labelId}>
      <Text id={labelId} size="sm" fw={500}>
        {t('tickets.filterStatus')}
        {value.length === 0 && (
          <Text span size="sm" c="dimmed" fw={400}>
            {' '}
            ({t('common.all')})
          </Text>
        )}
      </Text>
      <Chip.Group multiple value={value} onChange={(next) => onChange(STATUSES.filter((s) => next.includes(s)))}>
        <Group gap={6} mih={36} align="center">
          {STATUSES.map((s) => (
            <Chip key={s} value={s} size="sm">
              {t(`status.${s}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}
