import { useQuery } from '@apollo/client/react';
import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { AccountPicker } from '../accounts/AccountPicker';
import { GrantTable } from './GrantTable';

export const AccountVisibilityQuery = graphql(`
  query AccountVisibilityQuery($accountId: ID!) {
    accountVisibility(accountId: $accountId) {
      company {
        id
        name
      }
      grants {
        ...GrantListFields
      }
    }
  }
`);

/** Staff: pick a customer account (search by name or email), see every company whose tickets it sees and why. */
export function AccountVisibility() {
  const { t } = useI18n();
  const [accountId, setAccountId] = useState<string | null>(null);
  const visibility = useQuery(AccountVisibilityQuery, { variables: { accountId: accountId ?? '' }, skip: !accountId });
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('staff.accountVisibility')}
      </Title>
      <AccountPicker label={t('staff.accountId')} value={accountId} onChange={setAccountId} w={420} />
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
