import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, NativeSelect, SegmentedControl, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import type { MessageKey } from '../../app/i18n/en';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { NotificationLevel } from '../../gql/graphql';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { SearchInput } from '../../ui/SearchInput';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { NOTIFICATION_LEVELS, useSetNotificationLevel } from '../profile/useSetNotificationLevel';
import {
  accountExportParams,
  accountFilterActive,
  accountFilterVariables,
  type AccountKindChoice,
  type AccountListFilter,
} from './accountFilterParams';
import { ListSummary } from '../../ui/ListSummary';
import { ExportCsvButton } from '../export/ExportCsvButton';
import { TableScroll } from '../../ui/TableScroll';

export const AccountListQuery = graphql(`
  query AccountListQuery($first: Int!, $after: String, $filter: AccountFilter!) {
    accounts(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...LoadMoreButtonFields
      }
      edges {
        node {
          id
          firstName
          lastName
          email
          disabled
          staffRole
          notificationLevel
          memberships {
            id
            role
            company {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const SetAccountDisabledMutation = graphql(`
  mutation AccountListSetDisabledMutation($id: ID!, $disabled: Boolean!) {
    setAccountDisabled(id: $id, disabled: $disabled) {
      account {
        id
        disabled
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const ACCOUNTS_PAGE = 25;

interface Pending {
  id: string;
  name: string;
  disabled: boolean;
}

/** A level as the accounts table says it: for a customer ALL is their company's tickets. */
const levelLabel = (level: NotificationLevel, staff: boolean): MessageKey =>
  staff && level === 'ALL' ? 'notify.short.staff.ALL' : `notify.short.${level}`;

/**
 * Staff: every account, by name, searchable and filtered in the URL, with the emails it gets; a
 * staff ADMIN disables or enables accounts and sets anyone's notification level.
 */
export function AccountList({
  filter,
  onFilter,
  canDisable,
  canSetNotifications,
  viewerId,
  actions,
  onOpen,
}: {
  filter: AccountListFilter;
  onFilter: (next: AccountListFilter) => void;
  canDisable: boolean;
  /** A select per account instead of the level as text (staff ADMIN). */
  canSetNotifications: boolean;
  /** The signed-in account: it cannot disable itself, so it is not offered. */
  viewerId: string | null;
  /** Shown beside the heading (the page's "Create account"). */
  actions?: ReactNode;
  /** Makes each name a button that opens the account's detail. */
  onOpen?: (id: string) => void;
}) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const variables = { first: ACCOUNTS_PAGE, filter: accountFilterVariables(filter) };
  const query = useQuery(AccountListQuery, { variables, notifyOnNetworkStatusChange: true });
  const [setDisabled, { loading: saving }] = useMutation(SetAccountDisabledMutation);
  const [setLevel] = useSetNotificationLevel();
  const [pending, setPending] = useState<Pending | null>(null);
  const connection = query.data?.accounts;
  const edges = connection?.edges ?? [];

  async function confirm({ id, name, disabled }: Pending) {
    try {
      const { data } = await setDisabled({ variables: { id, disabled } });
      const e = data?.setAccountDisabled.userErrors[0];
      if (e) notifications.show({ color: 'red', message: message(e) });
      else notifications.show({ color: 'green', message: t(disabled ? 'accounts.disabledToast' : 'accounts.enabledToast', { name }) });
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    }
    setPending(null);
  }

  async function changeLevel(accountId: string, name: string, level: NotificationLevel, staff: boolean) {
    try {
      const { data } = await setLevel({ variables: { input: { accountId, level } } });
      const e = data?.setNotificationLevel.userErrors[0];
      if (e) notifications.show({ color: 'red', message: message(e) });
      else notifications.show({ color: 'green', message: t('notify.setFor', { name, level: t(levelLabel(level, staff)) }) });
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    }
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('staff.accounts')}
        </Title>
        {actions}
      </Group>
      <Group align="flex-end" gap="lg">
        <SearchInput label={t('accounts.search')} value={filter.search} onSearch={(search) => onFilter({ ...filter, search })} />
        <SegmentedControl
          aria-label={t('accounts.kind')}
          value={filter.kind}
          onChange={(kind) => onFilter({ ...filter, kind: kind as AccountKindChoice })}
          data={[
            { value: 'all', label: t('common.all') },
            { value: 'staff', label: t('accounts.kind.staff') },
            { value: 'customers', label: t('accounts.kind.customers') },
          ]}
        />
        <Switch
          label={t('accounts.showDisabled')}
          checked={filter.showDisabled}
          onChange={(e) => onFilter({ ...filter, showDisabled: e.currentTarget.checked })}
        />
      </Group>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('accounts.count', { count })}>
        <ExportCsvButton list="accounts" params={accountExportParams(filter)} total={connection?.totalCount} />
      </ListSummary>
      <QueryState
        query={query}
        empty={edges.length === 0}
        filters={{
          active: accountFilterActive(filter),
          noMatchText: filter.search.trim() ? t('accounts.noMatch', { search: filter.search.trim() }) : t('accounts.noneForFilter'),
          onClear: () => onFilter({ search: '', kind: 'all', showDisabled: filter.showDisabled }),
        }}
      >
        <TableScroll label={t('staff.accounts')} minWidth={760}>
          <Table striped highlightOnHover aria-label={t('staff.accounts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('people.email')}</Table.Th>
                <Table.Th>{t('accounts.roleOrCompanies')}</Table.Th>
                <Table.Th>{t('accounts.status')}</Table.Th>
                <Table.Th>{t('notify.column')}</Table.Th>
                {canDisable && <Table.Th>{t('people.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ node: a }) => {
                const name = personName(a);
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      {onOpen ? (
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          onClick={() => onOpen(a.id)}
                          aria-label={t('accountDetail.open', { name })}
                          aria-haspopup="dialog"
                        >
                          {name}
                        </Anchor>
                      ) : (
                        name
                      )}
                    </Table.Td>
                    <Table.Td>{a.email}</Table.Td>
                    <Table.Td>
                      {a.staffRole ? (
                        <Badge variant="light" tt="none">
                          {t('accounts.staffRole', { role: t(`staffRole.${a.staffRole}`) })}
                        </Badge>
                      ) : (
                        <Text size="sm">{a.memberships.map((m) => `${m.company.name} (${t(`role.${m.role}`)})`).join(', ') || '—'}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={a.disabled ? 'gray' : 'green'} variant="light" tt="none">
                        {t(a.disabled ? 'staff.disabled' : 'accounts.active')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {canSetNotifications && a.notificationLevel ? (
                        <NativeSelect
                          size="xs"
                          aria-label={t('notify.columnFor', { name })}
                          value={a.notificationLevel}
                          onChange={(e) => void changeLevel(a.id, name, e.currentTarget.value as NotificationLevel, a.staffRole !== null)}
                          data={NOTIFICATION_LEVELS.map((level) => ({ value: level, label: t(levelLabel(level, a.staffRole !== null)) }))}
                        />
                      ) : (
                        <Text size="sm">{a.notificationLevel ? t(levelLabel(a.notificationLevel, a.staffRole !== null)) : '—'}</Text>
                      )}
                    </Table.Td>
                    {canDisable && (
                      <Table.Td>
                        {a.id !== viewerId && (
                          <Button
                            size="xs"
                            variant="light"
                            color={a.disabled ? 'green' : 'red'}
                            onClick={() => setPending({ id: a.id, name, disabled: !a.disabled })}
                            aria-label={`${t(a.disabled ? 'staff.enable' : 'staff.disable')}: ${name}`}
                          >
                            {t(a.disabled ? 'staff.enable' : 'staff.disable')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <LoadMoreButton
          pageInfo={connection?.pageInfo}
          loading={query.loading}
          onLoad={(after) => void query.fetchMore({ variables: { ...variables, after } })}
        />
      </QueryState>
      {pending && (
        <ConfirmDialog
          title={t(pending.disabled ? 'accounts.disableTitle' : 'accounts.enableTitle', { name: pending.name })}
          message={t(pending.disabled ? 'accounts.disableConfirm' : 'accounts.enableConfirm', { name: pending.name })}
          confirmLabel={t(pending.disabled ? 'staff.disable' : 'staff.enable')}
          color={pending.disabled ? 'red' : 'green'}
          loading={saving}
          onConfirm={() => void confirm(pending)}
          onCancel={() => setPending(null)}
        />
      )}
    </Stack>
  );
}
