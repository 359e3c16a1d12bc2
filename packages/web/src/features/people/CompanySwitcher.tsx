import { useQuery } from '@apollo/client/react';
import { Select } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { Viewer } from '../auth/useViewer';

const CompanySwitcherQuery = graphql(`
  query CompanySwitcherQuery {
    companies(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

/** Customers switch among their memberships' companies (administered first); staff among all companies. */
export function useSwitchableCompanies(viewer: Viewer) {
  const staff = viewer.staffRole != null;
  const { data, loading } = useQuery(CompanySwitcherQuery, { skip: !staff });
  if (staff) return { loading, companies: (data?.companies.edges ?? []).map((e) => e.node) };
  const rank = (role: string) => (role === 'ADMINISTRATOR' ? 0 : role === 'MODERATOR' ? 1 : 2);
  const memberships = [...viewer.memberships].sort((a, b) => rank(a.role) - rank(b.role) || a.company.name.localeCompare(b.company.name));
  return { loading: false, companies: memberships.map((m) => ({ id: m.company.id, name: m.company.name })) };
}

export function CompanySwitcher({
  companies,
  value,
  onChange,
}: {
  companies: Array<{ id: string; name: string }>;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useI18n();
  if (companies.length < 2) return null;
  return (
    <Select
      label={t('people.companySwitch')}
      data={companies.map((c) => ({ value: c.id, label: c.name }))}
      value={value}
      onChange={(v) => v && onChange(v)}
      searchable
      allowDeselect={false}
      maw={360}
    />
  );
}
