import { useQuery } from '@apollo/client/react';
import { Group, Select, Stack, Table, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { QueryState } from '../../ui/QueryState';
import { useVisibleCompanies } from '../tickets/useVisibleCompanies';
import { GrantList } from './GrantList';

export const CompanyMembersPickerQuery = graphql(`
  query CompanyMembersPickerQuery($companyId: ID!) {
    company(id: $companyId) {
      id
      memberships(first: 100) {
        edges {
          node {
            id
            role
            account {
              id
              firstName
              lastName
              email
              disabled
            }
          }
        }
      }
    }
  }
`);

const AccountVisibilityQuery = graphql(`
  query AccountVisibilityQuery($accountId: ID!) {
    accountVisibility(accountId: $accountId) {
      company {
        id
        name
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

/** Staff: pick an account (through a company it belongs to), see every company whose tickets it sees and why. */
export function AccountVisibility() {
  const { t } = useI18n();
  const { companies } = useVisibleCompanies();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const members = useQuery(CompanyMembersPickerQuery, { variables: { companyId: companyId ?? '' }, skip: !companyId });
  const visibility = useQuery(AccountVisibilityQuery, { variables: { accountId: accountId ?? '' }, skip: !accountId });
  const rows = visibility.data?.accountVisibility ?? [];
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('staff.accountVisibility')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('staff.accountCompany')}
          data={companies.map((c) => ({ value: c.id, label: c.name }))}
          value={companyId}
          onChange={(v) => {
            setCompanyId(v);
            setAccountId(null);
          }}
          searchable
          w={280}
        />
        <Select
          label={t('staff.accountId')}
          data={(members.data?.company?.memberships.edges ?? []).map(({ node }) => ({
            value: node.account.id,
            label: `${node.account.firstName} ${node.account.lastName} (${t(`role.${node.role}`)})`,
          }))}
          value={accountId}
          onChange={setAccountId}
          searchable
          disabled={!companyId}
          w={360}
        />
      </Group>
      {accountId && (
        <QueryState
          loading={visibility.loading && !visibility.data}
          error={visibility.error}
          empty={rows.length === 0}
          onRetry={() => void visibility.refetch()}
        >
          <Table striped aria-label={t('staff.accountVisibility')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common.company')}</Table.Th>
                <Table.Th>{t('staff.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.company.id}>
                  <Table.Td>{r.company.name}</Table.Td>
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
