import { useQuery } from '@apollo/client/react';
import { useState, type ComponentProps } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { SearchSelect } from '../../ui/SearchSelect';
import { ticketNumber } from './ticketNumber';

export const TicketPickerQuery = graphql(`
  query TicketPickerQuery($search: String, $companyIds: [ID!]) {
    tickets(first: 20, filter: { search: $search, companyIds: $companyIds }) {
      totalCount
      edges {
        node {
          id
          number
          title
          createdAt
        }
      }
    }
  }
`);

/**
 * Picks one of the tickets the viewer sees, newest first, searching titles (or a ticket's number or pasted id)
 * on the server as the person types; `companyId` narrows the choice to one company.
 */
export function TicketPicker({
  companyId,
  value,
  onChange,
  ...props
}: Omit<ComponentProps<typeof SearchSelect>, 'options' | 'total' | 'loading' | 'selected' | 'onSearch' | 'value' | 'onChange'> & {
  companyId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { formatDate } = useI18n();
  const [search, setSearch] = useState('');
  const matches = useQuery(TicketPickerQuery, { variables: { search: search || null, companyIds: companyId ? [companyId] : null } });
  const connection = matches.data?.tickets;
  const options = (connection?.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: `${ticketNumber(node.number)} ${node.title} (${formatDate(node.createdAt)})`,
  }));
  return (
    <SearchSelect
      {...props}
      options={options}
      total={connection?.totalCount}
      loading={matches.loading}
      onSearch={setSearch}
      value={value}
      onChange={(id) => onChange(id)}
    />
  );
}
