import { useQuery } from '@apollo/client/react';
import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { CompanyScopedPicker } from './CompanyScopedPicker';
import { GrantTable } from './GrantTable';

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
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const members = useQuery(CompanyMembersPickerQuery, { variables: { companyId: companyId ?? '' }, skip: !companyId });
  const visibility = useQuery(AccountVisibilityQuery, { variables: { accountId: accountId ?? '' }, skip: !accountId });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('staff.accountVisibility')}
      </Title>
      <CompanyScopedPicker
        companyLabel={t('staff.accountCompany')}
        itemLabel={t('staff.accountId')}
        companyId={companyId}
        onCompany={setCompanyId}
        items={(members.data?.company?.memberships.edges ?? []).map(({ node }) => ({
          value: node.account.id,
          label: `${node.account.firstName} ${node.account.lastName} (${t(`role.${node.role}`)})`,
        }))}
        value={accountId}
        onChange={setAccountId}
      />
      {accountId && (
        <GrantTable
          label={t('staff.accountVisibility')}
          columns={[t('common.company')]}
          rows={(visibility.data?.accountVisibility ?? []).map((r) => ({ key: r.company.id, cells: [r.company.name], grants: r.grants }))}
          query={visibility}
        />
      )}
    </Stack>
  );
}
