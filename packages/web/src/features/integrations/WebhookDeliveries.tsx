import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { QueryState } from '../../ui/QueryState';
import { TableScroll } from '../../ui/TableScroll';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { EVENT_LABELS } from './webhookEvents';

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveriesQuery($id: ID!) {
    node(id: $id) {
      id
      ... on Webhook {
        deliveries(first: 20) {
          id
          event
          attemptedAt
          responseStatus
          durationMs
          error
          succeeded
        }
      }
    }
  }
`);

export const RedeliverMutation = graphql(`
  mutation WebhookDeliveriesRedeliverMutation($id: ID!) {
    redeliverWebhookDelivery(id: $id) {
      webhook {
        id
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** A webhook's recent delivery attempts, newest first: when, which event, the answer, how long; any can be sent again. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const { t, formatDateTime } = useI18n();
  const message = useUserErrorMessage();
  const query = useQuery(WebhookDeliveriesQuery, { variables: { id: webhookId }, fetchPolicy: 'cache-and-network' });
  const [redeliver] = useMutation(RedeliverMutation);
  const [sending, setSending] = useState<string | null>(null);
  const node = query.data?.node;
  const deliveries = node && 'deliveries' in node ? node.deliveries : [];

  async function onRedeliver(id: string) {
    setSending(id);
    try {
      const { data } = await redeliver({ variables: { id } });
      const e = data?.redeliverWebhookDelivery.userErrors[0];
      if (e) notifications.show({ color: 'red', message: message(e), autoClose: 10000 });
      else {
        notifications.show({ color: 'green', message: t('webhooks.redelivered') });
        void query.refetch();
      }
    } catch (e) {
      notifications.show({ color: 'red', message: t('common.error', { message: (e as Error).message }), autoClose: 10000 });
    } finally {
      setSending(null);
    }
  }

  return (
    <QueryState query={query} empty={query.data !== undefined && deliveries.length === 0} emptyText={t('webhooks.noDeliveries')}>
      <TableScroll label={t('webhooks.deliveries')} minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('webhooks.attemptedAt')}</Table.Th>
              <Table.Th>{t('webhooks.eventColumn')}</Table.Th>
              <Table.Th>{t('webhooks.result')}</Table.Th>
              <Table.Th>{t('webhooks.duration')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('webhooks.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.map((d) => (
              <Table.Tr key={`${d.id}:${d.attemptedAt}`}>
                <Table.Td>{formatDateTime(d.attemptedAt)}</Table.Td>
                <Table.Td>{t(EVENT_LABELS[d.event])}</Table.Td>
                <Table.Td>
                  {d.succeeded ? (
                    <Badge color="green">{d.responseStatus ?? t('webhooks.ok')}</Badge>
                  ) : (
                    <Badge color="red">{d.responseStatus ?? t('webhooks.failed')}</Badge>
                  )}
                  {d.error && (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {d.error}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{d.durationMs === null || d.durationMs === undefined ? '—' : t('webhooks.ms', { ms: d.durationMs })}</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="default" loading={sending === d.id} onClick={() => void onRedeliver(d.id)}>
                    {t('webhooks.redeliver')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </QueryState>
  );
}
