import { useQuery } from '@apollo/client/react';
import { Group, Select, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { QueryState } from '../../ui/QueryState';
import { useVisibleCompanies } from '../tickets/useVisibleCompanies';
import { GrantList } from './GrantList';

const TicketPickerQuery = graphql(`
  query TicketAudiencePickerQuery($companyId: ID!) {
    tickets(first: 100, filter: { companyIds: [$companyId] }) {
      edges {
        node {
          id
          title
          createdAt
        }
      }
    }
  }
`);

const TicketAudienceQuery = graphql(`
  query TicketAudienceQuery($ticketId: ID!) {
    ticketAudience(ticketId: $ticketId) {
      account {
        id
        firstName
        lastName
        email
      }
      grants {
        reason
        via {
          id
          name
        }
      }
    }
  }
`);

/** Staff: pick a ticket (by company), see every customer account that sees it and why. */
export function TicketAudience() {
  const { t, formatDate } = useI18n();
  const { companies } = useVisibleCompanies();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const tickets = useQuery(TicketPickerQuery, { variables: { companyId: companyId ?? '' }, skip: !companyId });
  const audience = useQuery(TicketAudienceQuery, { variables: { ticketId: ticketId ?? '' }, skip: !ticketId });
  const rows = audience.data?.ticketAudience ?? [];
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('staff.audience')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('staff.ticketCompany')}
          data={companies.map((c) => ({ value: c.id, label: c.name }))}
          value={companyId}
          onChange={(v) => {
            setCompanyId(v);
            setTicketId(null);
          }}
          searchable
          w={280}
        />
        <Select
          label={t('staff.ticketId')}
          data={(tickets.data?.tickets.edges ?? []).map(({ node }) => ({
            value: node.id,
            label: `${node.title} (${formatDate(node.createdAt)})`,
          }))}
          value={ticketId}
          onChange={setTicketId}
          searchable
          disabled={!companyId}
          w={420}
        />
      </Group>
      {ticketId && (
        <QueryState
          loading={audience.loading && !audience.data}
          error={audience.error}
          empty={rows.length === 0}
          onRetry={() => void audience.refetch()}
        >
          <Table striped aria-label={t('staff.audience')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('people.email')}</Table.Th>
                <Table.Th>{t('staff.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.account.id}>
                  <Table.Td>
                    {r.account.firstName} {r.account.lastName}
                  </Table.Td>
                  <Table.Td>{r.account.email}</Table.Td>
                  <Table.Td>
                    <GrantList grants={r.grants} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </QueryState>
      )}
    </Stack>
  );
}
