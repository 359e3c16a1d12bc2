import { useQuery } from '@apollo/client/react';
import { useState, type ComponentProps } from 'react';
import { graphql } from '../../gql';
import type { AccountKind } from '../../gql/graphql';
import { personName } from '../../ui/personName';
import { SearchSelect } from '../../ui/SearchSelect';

export const AccountPickerQuery = graphql(`
  query AccountPickerQuery($filter: AccountFilter!) {
    accounts(first: 20, filter: $filter) {
      totalCount
      edges {
        node {
          ...PersonNameFields
          email
        }
      }
    }
  }
`);

const label = (a: { firstName: string; lastName: string; email: string }) => `${personName(a)} · ${a.email}`;

/** Picks an account (by default a customer's), searching the server by name or email as the person types. */
export function AccountPicker({
  value,
  onChange,
  kind = 'CUSTOMER',
  ...props
}: Omit<ComponentProps<typeof SearchSelect>, 'options' | 'total' | 'loading' | 'onSearch' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
  /** Which accounts to offer; null: staff and customers. */
  kind?: AccountKind | null;
}) {
  const [search, setSearch] = useState('');
  const matches = useQuery(AccountPickerQuery, { variables: { filter: { search: search || null, kind } } });
  const connection = matches.data?.accounts;
  return (
    <SearchSelect
      {...props}
      options={(connection?.edges ?? []).map((e) => ({ value: e.node.id, label: label(e.node) }))}
      total={connection?.totalCount}
      loading={matches.loading}
      onSearch={setSearch}
      value={value}
      onChange={(id) => onChange(id)}
    />
  );
}
