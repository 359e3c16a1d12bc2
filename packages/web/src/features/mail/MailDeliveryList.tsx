import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { MailDeliveryStatus } from '../../gql/graphql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { QueryState } from '../../ui/QueryState';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { TableScroll } from '../../ui/TableScroll';
import { ListSummary } from '../../ui/ListSummary';

/** What a row shows, and what a retry reads back. */
graphql(`
  fragment MailDeliveryRowFields on MailDelivery {
    id
    kind
    toAddress
    subject
    event
    ticketId
    status
    attempts
    lastError
    createdAt
    nextAttemptAt
    sentAt
  }
`);

export const MailDeliveryListQuery = graphql(`
  query MailDeliveryListQuery($first: Int!, $after: String, $filter: MailDeliveryFilter) {
    mailDeliveries(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...LoadMoreButtonFields
      }
      edges {
        cursor
        node {
          ...MailDeliveryRowFields
        }
      }
    }
  }
`);

export const RetryMailDeliveryMutation = graphql(`
  mutation MailDeliveryListRetryMutation($id: ID!) {
    retryMailDelivery(id: $id) {
      delivery {
        ...MailDeliveryRowFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** A status to show, or every one. */
export type MailStatusChoice = MailDeliveryStatus | 'ALL';
export const MAIL_STATUS_CHOICES: MailStatusChoice[] = ['FAILED', 'PENDING', 'SENDING', 'SENT', 'ALL'];
const COLOR: Record<MailDeliveryStatus, string> = { FAILED: 'red', PENDING: 'yellow', SENDING: 'blue', SENT: 'green' };
const PAGE = 25;

/**
 * Staff: the outbox, newest first, by status (failed ones first, since they need a person): who it
 * went to, what about, how often it was tried and why it failed; a failed one can be sent again.
 */
export function MailDeliveryList({ status, onStatus }: { status: MailStatusChoice; onStatus: (next: MailStatusChoice) => void }) {
  const { t, formatDateTime } = useI18n();
  const message = useUserErrorMessage();
  const variables = { first: PAGE, filter: { statuses: status === 'ALL' ? null : [status] } };
  const query = useQuery(MailDeliveryListQuery, { variables, notifyOnNetworkStatusChange: true });
  const [retry] = useMutation(RetryMailDeliveryMutation);
  const [retrying, setRetrying] = useState<string | null>(null);
  const connection = query.data?.mailDeliveries;
  const edges = connection?.edges ?? [];

  async function sendAgain(id: string, to: string) {
    setRetrying(id);
    try {
      const { data } = await retry({ variables: { id } });
      const e = data?.retryMailDelivery.userErrors[0];
      if (e) notifications.show({ color: 'red', message: message(e) });
      else notifications.show({ color: 'green', message: t('mail.retried', { to }) });
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    }
    setRetrying(null);
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('mail.title')}
      </Title>
      <Text size="sm">{t('mail.intro')}</Text>
      <Group align="flex-end" gap="lg">
        <SegmentedControl
          aria-label={t('mail.status')}
          value={status}
          onChange={(v) => onStatus(v as MailStatusChoice)}
          data={MAIL_STATUS_CHOICES.map((s) => ({ value: s, label: t(s === 'ALL' ? 'common.all' : `mailStatus.${s}`) }))}
        />
        <Button variant="default" size="xs" onClick={() => void query.refetch()} loading={query.loading && !!query.data}>
          {t('mail.refresh')}
        </Button>
      </Group>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('mail.count', { count })} />
      <QueryState
        query={query}
        empty={edges.length === 0}
        emptyText={t('mail.empty')}
        filters={{
          active: status !== 'ALL',
          noMatchText: t(status === 'FAILED' ? 'mail.noneFailed' : 'mail.none'),
          onClear: () => onStatus('ALL'),
        }}
      >
        <TableScroll label={t('mail.title')} minWidth={960}>
          <Table striped aria-label={t('mail.title')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mail.to')}</Table.Th>
                <Table.Th>{t('mail.subject')}</Table.Th>
                <Table.Th>{t('mail.ticket')}</Table.Th>
                <Table.Th>{t('mail.status')}</Table.Th>
                <Table.Th>{t('mail.attempts')}</Table.Th>
                <Table.Th>{t('mail.lastError')}</Table.Th>
                <Table.Th>{t('mail.times')}</Table.Th>
                <Table.Th>{t('people.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ node: d }) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.toAddress}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.subject}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`mailKind.${d.kind}`)}
                      {d.event && ` · ${t(`event.${d.event}`)}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {d.ticketId ? (
                      <Anchor
                        component={Link}
                        to={`/tickets/${d.ticketId}`}
                        size="sm"
                        aria-label={t('mail.openTicketOf', { subject: d.subject })}
                      >
                        {t('mail.openTicket')}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={COLOR[d.status]} variant="light" tt="none">
                      {t(`mailStatus.${d.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td maw={280}>
                    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                      {d.lastError ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {t('mail.createdAt')}: <time dateTime={d.createdAt}>{formatDateTime(d.createdAt)}</time>
                    </Text>
                    {d.sentAt ? (
                      <Text size="xs">
                        {t('mail.sentAt')}: <time dateTime={d.sentAt}>{formatDateTime(d.sentAt)}</time>
                      </Text>
                    ) : (
                      d.status !== 'FAILED' && (
                        <Text size="xs">
                          {t('mail.nextAttemptAt')}: <time dateTime={d.nextAttemptAt}>{formatDateTime(d.nextAttemptAt)}</time>
                        </Text>
                      )
                    )}
                  </Table.Td>
                  <Table.Td>
                    {d.status === 'FAILED' && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={retrying === d.id}
                        onClick={() => void sendAgain(d.id, d.toAddress)}
                        aria-label={t('mail.retryTo', { to: d.toAddress })}
                      >
                        {t('mail.retry')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <LoadMoreButton
          pageInfo={connection?.pageInfo}
          loading={query.loading}
          onLoad={(after) => void query.fetchMore({ variables: { ...variables, after } })}
        />
      </QueryState>
    </Stack>
  );
}
