import { useQuery } from '@apollo/client/react';
import { Badge, Divider, Group, Stack, Text } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { AccountSessions } from './AccountSessions';

export const AccountDetailQuery = graphql(`
  query AccountDetailQuery($id: ID!) {
    node(id: $id) {
      ... on Account {
        id
        firstName
        lastName
        email
        disabled
        staffRole
        twoFactorEnabled
        sessions {
          ...AccountSessionFields
        }
      }
    }
  }
`);

/**
 * Staff: one account's sign-in security: whether it uses two-step sign-in and, for a staff ADMIN
 * (the API answers `sessions` to them only), where it is signed in.
 */
export function AccountDetail({ id, viewerId }: { id: string; viewerId: string | null }) {
  const { t } = useI18n();
  const query = useQuery(AccountDetailQuery, { variables: { id } });
  const node = query.data?.node;
  // node(id) is any type; an id of something else is "not found" here
  const account = node && 'email' in node ? (node as Extract<typeof node, { email: string }>) : null;

  return (
    <QueryState query={query} empty={!account} emptyText={t('common.notFound')}>
      {account && (
        <Stack>
          <Stack gap={4}>
            <Text fw={700} size="lg">
              {personName(account)}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {account.email}
            </Text>
            <Group gap="xs">
              <Badge color={account.disabled ? 'gray' : 'green'} variant="light" tt="none">
                {t(account.disabled ? 'staff.disabled' : 'accounts.active')}
              </Badge>
              {account.staffRole && (
                <Badge variant="light" tt="none">
                  {t('accounts.staffRole', { role: t(`staffRole.${account.staffRole}`) })}
                </Badge>
              )}
            </Group>
          </Stack>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {t('accountDetail.twoFactor')}
            </Text>
            <Badge color={account.twoFactorEnabled ? 'green' : 'gray'} variant="light" tt="none">
              {t(
                account.twoFactorEnabled == null
                  ? 'accountDetail.twoFactorUnknown'
                  : account.twoFactorEnabled
                    ? 'accountDetail.twoFactorOn'
                    : 'accountDetail.twoFactorOff',
              )}
            </Badge>
          </Group>
          <Divider />
          {account.sessions ? (
            <AccountSessions
              account={{ id: account.id, name: personName(account) }}
              sessions={account.sessions}
              own={account.id === viewerId}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('accountDetail.sessionsAdminOnly')}
            </Text>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
