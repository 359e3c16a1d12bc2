import { useQuery } from '@apollo/client/react';
import { Anchor, Group, Select, Stack, Table } from '@mantine/core';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { SearchInput } from '../../ui/SearchInput';
import { CompanyPicker } from '../companies/CompanyPicker';
import { AccessBadges } from './AccessBadges';
import { StatusBadge } from './StatusBadge';
import { StatusFilter } from './StatusFilter';
import {
  NO_TICKET_FILTER,
  ORDER_OF,
  TICKET_SORTS,
  ticketExportParams,
  ticketFilterActive,
  type TicketListFilter,
  type TicketSort,
} from './ticketFilterParams';
import { ticketNumber } from './ticketNumber';
import { TableScroll } from '../../ui/TableScroll';
import { ListSummary } from '../../ui/ListSummary';
import { ExportCsvButton } from '../export/ExportCsvButton';

export const TicketListQuery = graphql(`
  query TicketListQuery($first: Int!, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {
    tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo {
        ...LoadMoreButtonFields
      }
      edges {
        cursor
        node {
          id
          number
          title
          status
          createdAt
          viewerAccess
          company {
            id
            name
          }
          requester {
            ...PersonNameFields
          }
          assignee {
            ...PersonNameFields
          }
        }
      }
    }
  }
`);

const PAGE = 25;

export function TicketList({
  filter,
  onFilter,
  exportable = false,
}: {
  filter: TicketListFilter;
  onFilter: (next: TicketListFilter) => void;
  /** Staff: an "Export CSV" of every ticket the filters match. */
  exportable?: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const variables = {
    first: PAGE,
    filter: {
      companyIds: filter.companyId ? [filter.companyId] : null,
      statuses: filter.statuses.length ? filter.statuses : null,
      search: filter.search.trim() || null,
    },
    ...(ORDER_OF[filter.sort] ? { orderBy: ORDER_OF[filter.sort] } : {}),
  };
  const query = useQuery(TicketListQuery, { variables, notifyOnNetworkStatusChange: true });
  const connection = query.data?.tickets;
  const edges = connection?.edges ?? [];

  return (
    <Stack>
      <Group align="flex-end" gap="lg">
        <SearchInput label={t('tickets.search')} value={filter.search} onSearch={(search) => onFilter({ ...filter, search })} />
        <CompanyPicker
          label={t('tickets.filterCompany')}
          placeholder={t('common.all')}
          value={filter.companyId}
          onChange={(companyId) => onFilter({ ...filter, companyId })}
          clearable
          w={280}
        />
        <StatusFilter value={filter.statuses} onChange={(statuses) => onFilter({ ...filter, statuses })} />
        <Select
          label={t('tickets.sort')}
          data={TICKET_SORTS.map((sort) => ({ value: sort, label: t(`tickets.sort.${sort}`) }))}
          value={filter.sort}
          onChange={(sort) => onFilter({ ...filter, sort: (sort as TicketSort | null) ?? 'newest' })}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('tickets.count', { count })}>
        {exportable && <ExportCsvButton list="tickets" params={ticketExportParams(filter)} total={connection?.totalCount} />}
      </ListSummary>
      <QueryState
        query={query}
        empty={edges.length === 0}
        emptyText={t('tickets.empty')}
        filters={{
          active: ticketFilterActive(filter),
          noMatchText: filter.search.trim() ? t('tickets.noMatch', { search: filter.search.trim() }) : t('tickets.noneForFilter'),
          onClear: () => onFilter({ ...NO_TICKET_FILTER, sort: filter.sort }),
        }}
      >
        <TableScroll label={t('tickets.title')} minWidth={720}>
          <Table striped highlightOnHover aria-label={t('tickets.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.number')}</Table.Th>
                <Table.Th>{t('tickets.titleField')}</Table.Th>
                <Table.Th>{t('common.company')}</Table.Th>
                <Table.Th>{t('tickets.status')}</Table.Th>
                <Table.Th>{t('tickets.requester')}</Table.Th>
                <Table.Th aria-sort={filter.sort === 'newest' ? 'descending' : filter.sort === 'oldest' ? 'ascending' : undefined}>
                  {t('tickets.created')}
                </Table.Th>
                <Table.Th>{t('tickets.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ node }) => (
                <Table.Tr key={node.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{ticketNumber(node.number)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/tickets/${node.id}`}>
                      {node.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{node.company.name}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={node.status} />
                  </Table.Td>
                  <Table.Td>{node.requester ? personName(node.requester) : '—'}</Table.Td>
                  <Table.Td>{formatDateTime(node.createdAt)}</Table.Td>
                  <Table.Td>
                    <AccessBadges reasons={node.viewerAccess} />
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
