import { useQuery } from '@apollo/client/react';
import type { ComboboxItem } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { graphql } from '../../gql';
import { SearchSelect } from '../../ui/SearchSelect';

export const CompanyPickerQuery = graphql(`
  query CompanyPickerQuery($search: String) {
    companies(first: 20, filter: { search: $search }) {
      totalCount
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const CompanyPickerSelectedQuery = graphql(`
  query CompanyPickerSelectedQuery($id: ID!) {
    company(id: $id) {
      id
      name
    }
  }
`);

/**
 * Picks one of the companies the viewer sees, searching the server as the person types (the first
 * 20 matches), so it works with any number of companies. `extraOptions` come first (e.g. "no parent").
 */
export function CompanyPicker({
  value,
  onChange,
  extraOptions = [],
  exclude = [],
  ...props
}: Omit<ComponentProps<typeof SearchSelect>, 'options' | 'total' | 'loading' | 'selected' | 'onSearch' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
  extraOptions?: ComboboxItem[];
  /** Companies not to offer (the current parent of a company being moved). */
  exclude?: readonly string[];
}) {
  const [search, setSearch] = useState('');
  const matches = useQuery(CompanyPickerQuery, { variables: { search: search || null } });
  const connection = matches.data?.companies;
  const edges = connection?.edges ?? [];
  const extra = extraOptions.find((o) => o.value === value);
  // a value that is not among the matches (from the URL, a default, an earlier search): ask for its name
  const lookup = useQuery(CompanyPickerSelectedQuery, {
    variables: { id: value ?? '' },
    skip: !value || !!extra || matches.loading || edges.some((e) => e.node.id === value),
  });
  const found = lookup.data?.company;
  const selected = extra ?? (found && found.id === value ? { value: found.id, label: found.name } : null);
  const offered = edges.filter((e) => !exclude.includes(e.node.id));
  const extras = search ? [] : extraOptions;
  const options = [...extras, ...offered.map((e) => ({ value: e.node.id, label: e.node.name }))];

  return (
    <SearchSelect
      {...props}
      options={options}
      total={connection && connection.totalCount - (edges.length - offered.length) + extras.length}
      loading={matches.loading}
      selected={selected}
      onSearch={setSearch}
      value={value}
      onChange={(id) => onChange(id)}
    />
  );
}
