import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Center, Group, Select, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { TicketStatus } from '../../gql/graphql';
import { QueryState } from '../../ui/QueryState';
import { AccessBadges } from './AccessBadges';
import { StatusBadge, STATUSES } from './StatusBadge';

export const TicketListQuery = graphql(`
  query TicketListQuery($first: Int!, $after: String, $filter: TicketFilter) {
    tickets(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          title
          status
          createdAt
          viewerAccess
          company {
            id
            name
          }
          requester {
            id
            firstName
            lastName
          }
          assignee {
            id
            firstName
            lastName
          }
        }
      }
    }
  }
`);

const PAGE = 25;

export function TicketList({
  companies,
  companyId,
  status,
  onFilter,
}: {
  companies: Array<{ id: string; name: string }>;
  companyId: string | null;
  status: TicketStatus | null;
  onFilter: (next: { company: string | null; status: TicketStatus | null }) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const filter = { companyIds: companyId ? [companyId] : null, statuses: status ? [status] : null };
  const { data, loading, error, refetch, fetchMore } = useQuery(TicketListQuery, {
    variables: { first: PAGE, filter },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.tickets;
  const edges = connection?.edges ?? [];

  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label={t('tickets.filterCompany')}
          placeholder={t('common.all')}
          data={companies.map((c) => ({ value: c.id, label: c.name }))}
          value={companyId}
          onChange={(v) => onFilter({ company: v, status })}
          clearable
          searchable
          w={280}
        />
        <Select
          label={t('tickets.filterStatus')}
          placeholder={t('common.all')}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status}
          onChange={(v) => onFilter({ company: companyId, status: v as TicketStatus | null })}
          clearable
          w={200}
        />
        {connection && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('tickets.count', { count: connection.totalCount })}
          </Text>
        )}
      </Group>
      <QueryState
        loading={loading && !data}
        error={error}
        empty={edges.length === 0}
        emptyText={t('tickets.empty')}
        onRetry={() => void refetch()}
      >
        <Table striped highlightOnHover aria-label={t('tickets.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tickets.titleField')}</Table.Th>
              <Table.Th>{t('common.company')}</Table.Th>
              <Table.Th>{t('tickets.status')}</Table.Th>
              <Table.Th>{t('tickets.requester')}</Table.Th>
              <Table.Th>{t('tickets.created')}</Table.Th>
              <Table.Th>{t('tickets.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {edges.map(({ node }) => (
              <Table.Tr key={node.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/tickets/${node.id}`}>
                    {node.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{node.company.name}</Table.Td>
                <Table.Td>
                  <StatusBadge status={node.status} />
                </Table.Td>
                <Table.Td>{node.requester ? `${node.requester.firstName} ${node.requester.lastName}` : '—'}</Table.Td>
                <Table.Td>{formatDateTime(node.createdAt)}</Table.Td>
                <Table.Td>
                  <AccessBadges reasons={node.viewerAccess} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {connection?.pageInfo.hasNextPage && (
          <Center>
            <Button
              variant="light"
              loading={loading}
              onClick={() => void fetchMore({ variables: { first: PAGE, after: connection.pageInfo.endCursor, filter } })}
            >
              {t('common.loadMore')}
            </Button>
          </Center>
        )}
      </QueryState>
    </Stack>
  );
}
