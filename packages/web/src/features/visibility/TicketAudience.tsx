import { useQuery } from '@apollo/client/react';
import { Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { personName } from '../../ui/personName';
import { CompanyPicker } from '../companies/CompanyPicker';
import { TicketPicker } from '../tickets/TicketPicker';
import { GrantTable } from './GrantTable';

const TicketAudienceQuery = graphql(`
  query TicketAudienceQuery($ticketId: ID!) {
    ticketAudience(ticketId: $ticketId) {
      account {
        ...PersonNameFields
        email
      }
      grants {
        ...GrantListFields
      }
    }
  }
`);

/** Staff: pick a ticket (searched by title or id, optionally within a company), see every customer account that sees it and why. */
export function TicketAudience() {
  const { t } = useI18n();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const audience = useQuery(TicketAudienceQuery, { variables: { ticketId: ticketId ?? '' }, skip: !ticketId });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('staff.audience')}
      </Title>
      <Group align="flex-end">
        <CompanyPicker
          label={t('staff.ticketCompany')}
          placeholder={t('common.all')}
          value={companyId}
          onChange={(id) => {
            setCompanyId(id);
            setTicketId(null);
          }}
          clearable
          w={280}
        />
        <TicketPicker
          label={t('staff.ticketId')}
          placeholder={t('staff.ticketSearch')}
          companyId={companyId}
          value={ticketId}
          onChange={setTicketId}
          w={420}
        />
      </Group>
      {ticketId && (
        <GrantTable
          label={t('staff.audience')}
          columns={[t('people.name'), t('people.email')]}
          rows={(audience.data?.ticketAudience ?? []).map((r) => ({
            key: r.account.id,
            cells: [personName(r.account), r.account.email],
            grants: r.grants,
          }))}
          query={audience}
        />
      )}
    </Stack>
  );
}
