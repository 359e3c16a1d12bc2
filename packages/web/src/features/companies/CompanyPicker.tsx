import { useQuery } from '@apollo/client/react';
import type { ComboboxItem } from '@mantine/core';
import { useState, type ComponentProps } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { CompanyPickerOptionFieldsFragment } from '../../gql/graphql';
import { SearchSelect } from '../../ui/SearchSelect';

/** One option: the name with the ancestors the viewer sees, and for a new ticket whether the viewer may raise it there. */
graphql(`
  fragment CompanyPickerOptionFields on Company {
    id
    name
    path {
      id
      name
    }
    viewerCan @include(if: $forNewTicket) {
      createTicket
    }
  }
`);

export const CompanyPickerQuery = graphql(`
  query CompanyPickerQuery($search: String, $outsideSubtreeOf: ID, $forNewTicket: Boolean! = false) {
    companies(first: 20, filter: { search: $search, outsideSubtreeOf: $outsideSubtreeOf }) {
      totalCount
      edges {
        node {
          ...CompanyPickerOptionFields
        }
      }
    }
  }
`);

export const CompanyPickerSelectedQuery = graphql(`
  query CompanyPickerSelectedQuery($id: ID!, $forNewTicket: Boolean! = false) {
    company(id: $id) {
      ...CompanyPickerOptionFields
    }
  }
`);

/**
 * Picks one of the companies the viewer sees, searching the server as the person types (the first
 * 20 matches), so it works with any number of companies. `extraOptions` come first (e.g. "no parent").
 * `forNewTicket`: companies where the viewer may not raise tickets are shown disabled, with a hint.
 */
export function CompanyPicker({
  value,
  onChange,
  extraOptions = [],
  exclude = [],
  outsideSubtreeOf = null,
  onPicked,
  forNewTicket = false,
  ...props
}: Omit<ComponentProps<typeof SearchSelect>, 'options' | 'total' | 'loading' | 'selected' | 'onSearch' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
  extraOptions?: ComboboxItem[];
  /** Companies not to offer (the current parent of a company being moved). */
  exclude?: readonly string[];
  /** Leaves out this company and all companies under it (the server filters, so counts and pages stay right). */
  outsideSubtreeOf?: string | null;
  /** Also hears the picked option (its label), e.g. to name it in a confirmation. */
  onPicked?: (option: ComboboxItem | null) => void;
  forNewTicket?: boolean;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const matches = useQuery(CompanyPickerQuery, { variables: { search: search || null, outsideSubtreeOf, forNewTicket } });
  const connection = matches.data?.companies;
  const edges = connection?.edges ?? [];
  const extra = extraOptions.find((o) => o.value === value);
  // a value that is not among the matches (from the URL, a default, an earlier search): ask for its name
  const lookup = useQuery(CompanyPickerSelectedQuery, {
    variables: { id: value ?? '', forNewTicket },
    skip: !value || !!extra || matches.loading || edges.some((e) => e.node.id === value),
  });
  const found = lookup.data?.company;
  const option = (c: CompanyPickerOptionFieldsFragment): ComboboxItem => {
    // "Northwind Holding › Retail": two subsidiaries called Retail stay apart
    const label = [...c.path.map((a) => a.name), c.name].join(' › ');
    return c.viewerCan?.createTicket === false
      ? { value: c.id, label: t('tickets.cannotRaiseIn', { company: label }), disabled: true }
      : { value: c.id, label };
  };
  const selected = extra ?? (found && found.id === value ? option(found) : null);
  const offered = edges.filter((e) => !exclude.includes(e.node.id));
  const extras = search ? [] : extraOptions;
  const options = [...extras, ...offered.map((e) => option(e.node))];

  return (
    <SearchSelect
      {...props}
      options={options}
      total={connection && connection.totalCount - (edges.length - offered.length) + extras.length}
      loading={matches.loading}
      selected={selected}
      onSearch={setSearch}
      value={value}
      onChange={(id, option) => {
        onChange(id);
        onPicked?.(option);
      }}
    />
  );
}
