import { useQuery } from '@apollo/client/react';
import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { CompanyScopedPicker } from './CompanyScopedPicker';
import { GrantTable } from './GrantTable';

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
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const tickets = useQuery(TicketPickerQuery, { variables: { companyId: companyId ?? '' }, skip: !companyId });
  const audience = useQuery(TicketAudienceQuery, { variables: { ticketId: ticketId ?? '' }, skip: !ticketId });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('staff.audience')}
      </Title>
      <CompanyScopedPicker
        companyLabel={t('staff.ticketCompany')}
        itemLabel={t('staff.ticketId')}
        companyId={companyId}
        onCompany={setCompanyId}
        items={(tickets.data?.tickets.edges ?? []).map(({ node }) => ({
          value: node.id,
          label: `${node.title} (${formatDate(node.createdAt)})`,
        }))}
        value={ticketId}
        onChange={setTicketId}
        itemWidth={420}
      />
      {ticketId && (
        <GrantTable
          label={t('staff.audience')}
          columns={[t('people.name'), t('people.email')]}
          rows={(audience.data?.ticketAudience ?? []).map((r) => ({
            key: r.account.id,
            cells: [`${r.account.firstName} ${r.account.lastName}`, r.account.email],
            grants: r.grants,
          }))}
          query={audience}
        />
      )}
    </Stack>
  );
}
