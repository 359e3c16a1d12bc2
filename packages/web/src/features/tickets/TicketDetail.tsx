import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { TicketStatus } from '../../gql/graphql';
import { EditableTitle } from '../../ui/EditableTitle';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { useViewer } from '../auth/useViewer';
import { AccessBadges } from './AccessBadges';
import { StatusBadge, STATUSES } from './StatusBadge';
import { ticketNumber } from './ticketNumber';

/** What a change on this page can alter, read again from the updateTicket payload. */
graphql(`
  fragment TicketDetailEditableFields on Ticket {
    id
    title
    status
    updatedAt
    lastActivityAt
    assignee {
      ...PersonNameFields
    }
  }
`);

export const TicketDetailQuery = graphql(`
  query TicketDetailQuery($id: ID!) {
    ticket(id: $id) {
      ...TicketDetailEditableFields
      number
      description
      createdAt
      viewerAccess
      viewerCan {
        rename
        close
        changeStatus
        assign
      }
      company {
        id
        name
      }
      requester {
        ...PersonNameFields
        email
      }
    }
  }
`);

const SolversQuery = graphql(`
  query TicketDetailSolversQuery($companyId: ID!) {
    company(id: $companyId) {
      id
      memberships(first: 100) {
        edges {
          node {
            id
            capabilities
            account {
              ...PersonNameFields
              disabled
            }
          }
        }
      }
    }
  }
`);

export const UpdateTicketMutation = graphql(`
  mutation TicketDetailUpdateMutation($input: UpdateTicketInput!) {
    updateTicket(input: $input) {
      ticket {
        ...TicketDetailEditableFields
        # the conversation's status lines follow a change made here
        ...TicketStatusChangesFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export function TicketDetail({ id }: { id: string }) {
  const { t, formatDateTime } = useI18n();
  const { viewer } = useViewer();
  const query = useQuery(TicketDetailQuery, { variables: { id } });
  const ticket = query.data?.ticket;
  const solvers = useQuery(SolversQuery, {
    variables: { companyId: ticket?.company.id ?? '' },
    skip: !ticket?.viewerCan.assign,
    errorPolicy: 'all',
  });
  const [update, { loading: saving }] = useMutation(UpdateTicketMutation, { refetchQueries: ['TicketListQuery'] });

  async function change(input: { status?: TicketStatus; assigneeId?: string | null }) {
    try {
      const { data: result } = await update({ variables: { input: { id, ...input } } });
      const e = result?.updateTicket.userErrors[0];
      if (e)
        notifications.show({
          color: 'red',
          message: e.code === 'FORBIDDEN' ? t('error.FORBIDDEN') : t('error.generic', { message: e.message }),
        });
      else notifications.show({ color: 'green', message: t('tickets.updatedToast') });
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    }
  }

  const options = new Map<string, string>();
  if (viewer) options.set(viewer.id, personName(viewer));
  for (const { node } of solvers.data?.company?.memberships.edges ?? [])
    if (node.capabilities.includes('SOLVER') && !node.account.disabled) options.set(node.account.id, personName(node.account));
  if (ticket?.assignee) options.set(ticket.assignee.id, personName(ticket.assignee));

  return (
    <Stack>
      <Anchor component={Link} to="/tickets">
        ← {t('tickets.back')}
      </Anchor>
      <QueryState query={query} empty={!ticket} emptyText={t('common.notFound')}>
        {ticket && (
          <Card withBorder>
            <Stack>
              <EditableTitle
                prefix={ticketNumber(ticket.number)}
                value={ticket.title}
                order={1}
                field="title"
                fieldLabel={t('tickets.titleField')}
                editLabel={t('tickets.rename')}
                savedMessage={t('tickets.renamed')}
                canEdit={ticket.viewerCan.rename}
                onSave={async (title) => (await update({ variables: { input: { id, title } } })).data?.updateTicket.userErrors ?? []}
              >
                <StatusBadge status={ticket.status} />
              </EditableTitle>
              <Text size="sm" c="dimmed">
                {ticket.company.name} · {t('tickets.created')} {formatDateTime(ticket.createdAt)}
                {ticket.requester && ` · ${t('tickets.requester')}: ${personName(ticket.requester)}`}
              </Text>
              <Text size="sm">
                {t('tickets.lastActivity')}:{' '}
                <Text component="time" fw={600} size="sm" dateTime={ticket.lastActivityAt}>
                  {formatDateTime(ticket.lastActivityAt)}
                </Text>
              </Text>
              <Group gap="xs">
                <Text size="sm">{t('tickets.why')}:</Text>
                {ticket.viewerAccess.length ? (
                  <AccessBadges reasons={ticket.viewerAccess} />
                ) : (
                  <Text size="sm">{t('tickets.staffSees')}</Text>
                )}
              </Group>
              {ticket.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</Text>}
              <Group align="flex-end">
                {ticket.viewerCan.changeStatus ? (
                  <Select
                    label={t('tickets.status')}
                    data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                    value={ticket.status}
                    onChange={(v) => v && v !== ticket.status && void change({ status: v as TicketStatus })}
                    allowDeselect={false}
                    disabled={saving}
                    w={200}
                  />
                ) : (
                  ticket.viewerCan.close &&
                  ticket.status !== 'CLOSED' && (
                    <Button variant="light" onClick={() => void change({ status: 'CLOSED' })} loading={saving}>
                      {t('tickets.closeTicket')}
                    </Button>
                  )
                )}
                {ticket.viewerCan.assign ? (
                  <Select
                    label={t('tickets.assign')}
                    placeholder={t('tickets.unassigned')}
                    data={[...options].map(([value, label]) => ({ value, label }))}
                    value={ticket.assignee?.id ?? null}
                    onChange={(v) => void change({ assigneeId: v })}
                    clearable
                    searchable
                    disabled={saving}
                    w={280}
                  />
                ) : (
                  <Text size="sm">
                    {t('tickets.assignee')}: {ticket.assignee ? personName(ticket.assignee) : t('tickets.unassigned')}
                  </Text>
                )}
              </Group>
            </Stack>
          </Card>
        )}
      </QueryState>
    </Stack>
  );
}
