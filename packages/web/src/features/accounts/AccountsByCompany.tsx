import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Select, Stack, Table, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { QueryState } from '../../ui/QueryState';
import { useVisibleCompanies } from '../tickets/useVisibleCompanies';
import { CompanyMembersPickerQuery } from '../visibility/AccountVisibility';

const SetDisabledMutation = graphql(`
  mutation AccountsSetDisabledMutation($id: ID!, $disabled: Boolean!) {
    setAccountDisabled(id: $id, disabled: $disabled) {
      account {
        id
        disabled
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

/** Staff: the accounts of a company's memberships; a staff ADMIN disables or enables them. */
export function AccountsByCompany({ canDisable }: { canDisable: boolean }) {
  const { t } = useI18n();
  const { companies } = useVisibleCompanies();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const members = useQuery(CompanyMembersPickerQuery, { variables: { companyId: companyId ?? '' }, skip: !companyId });
  const [setDisabled] = useMutation(SetDisabledMutation);
  const edges = members.data?.company?.memberships.edges ?? [];

  async function toggle(id: string, disabled: boolean) {
    try {
      const { data } = await setDisabled({ variables: { id, disabled } });
      const e = data?.setAccountDisabled.userErrors[0];
      notifications.show(
        e ? { color: 'red', message: t('error.generic', { message: e.message }) } : { color: 'green', message: t('common.saved') },
      );
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    }
  }

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('staff.accounts')}
      </Title>
      <Select
        label={t('common.company')}
        data={companies.map((c) => ({ value: c.id, label: c.name }))}
        value={companyId}
        onChange={setCompanyId}
        searchable
        w={280}
      />
      {companyId && (
        <QueryState query={members} empty={edges.length === 0}>
          <Table striped aria-label={t('staff.accounts')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('people.email')}</Table.Th>
                <Table.Th>{t('people.role')}</Table.Th>
                {canDisable && <Table.Th>{t('people.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ node: m }) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.account.firstName} {m.account.lastName} {m.account.disabled && <Badge color="gray">{t('staff.disabled')}</Badge>}
                  </Table.Td>
                  <Table.Td>{m.account.email}</Table.Td>
                  <Table.Td>{t(`role.${m.role}`)}</Table.Td>
                  {canDisable && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        color={m.account.disabled ? 'green' : 'red'}
                        onClick={() => void toggle(m.account.id, !m.account.disabled)}
                        aria-label={`${t(m.account.disabled ? 'staff.enable' : 'staff.disable')}: ${m.account.email}`}
                      >
                        {t(m.account.disabled ? 'staff.enable' : 'staff.disable')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </QueryState>
      )}
    </Stack>
  );
}
