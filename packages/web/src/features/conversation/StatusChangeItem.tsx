import { Text } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { StatusChangeItemFieldsFragment } from '../../gql/graphql';
import { personName } from '../../ui/personName';

/** What one status change of the thread shows: `...StatusChangeItemFields`. */
graphql(`
  fragment StatusChangeItemFields on TicketStatusChange {
    id
    fromStatus
    toStatus
    createdAt
    actor {
      ...PersonNameFields
    }
  }
`);

/**
 * A ticket's status history, oldest first: `...TicketStatusChangesFields` on every read or write of a
 * ticket that may change it, so the thread's lines follow (a reply that reopens, a status change).
 */
graphql(`
  fragment TicketStatusChangesFields on Ticket {
    id
    statusChanges {
      ...StatusChangeItemFields
    }
  }
`);

/**
 * One status change between the messages: a single muted line, who (when the viewer sees that
 * account) changed it from what to what, and when.
 */
export function StatusChangeItem({ change }: { change: StatusChangeItemFieldsFragment }) {
  const { t, formatDateTime } = useI18n();
  const vars = { from: t(`status.${change.fromStatus}`), to: t(`status.${change.toStatus}`) };
  const text = change.actor
    ? t('conversation.statusChangedBy', { ...vars, name: personName(change.actor) })
    : t('conversation.statusChanged', vars);
  return (
    <Text size="sm" c="dimmed" px="sm" data-kind="status-change">
      {text}
      {' · '}
      <Text span size="sm" inherit component="time" dateTime={change.createdAt}>
        {formatDateTime(change.createdAt)}
      </Text>
    </Text>
  );
}
