import { Badge } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import type { TicketStatus } from '../../gql/graphql';

const COLOR: Record<TicketStatus, string> = { NEW: 'blue', OPEN: 'indigo', WAITING: 'yellow', RESOLVED: 'green', CLOSED: 'gray' };

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={COLOR[status]} variant="dot">
      {t(`status.${status}`)}
    </Badge>
  );
}

export const STATUSES: TicketStatus[] = ['NEW', 'OPEN', 'WAITING', 'RESOLVED', 'CLOSED'];
