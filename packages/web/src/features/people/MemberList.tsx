import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { personName } from '../../ui/personName';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { QueryState } from '../../ui/QueryState';
import { EditMembershipDialog, type EditableMembership } from './EditMembershipDialog';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { TableScroll } from '../../ui/TableScroll';
import { ListSummary } from '../../ui/ListSummary';
import { LoadMoreButton } from '../../ui/LoadMoreButton';

export const MemberListQuery = graphql(`
  query MemberListQuery($companyId: ID!, $after: String) {
    company(id: $companyId) {
      id
      name
      memberships(first: 100, after: $after) {
        totalCount
        pageInfo {
          ...LoadMoreButtonFields
        }
        edges {
          node {
            ...MembershipRoleFields
            account {
              ...PersonNameFields
              email
              disabled
            }
          }
        }
      }
    }
  }
`);

export const RemoveMembershipMutation = graphql(`
  mutation MemberListRemoveMutation($id: ID!) {
    removeMembership(id: $id) {
      deletedId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export function MemberList({ company, canManage }: { company: { id: string; name: string }; canManage: boolean }) {
  const { t } = useI18n();
  const errorText = useUserErrorMessage(company.name);
  const query = useQuery(MemberListQuery, { variables: { companyId: company.id } });
  const [remove] = useMutation(RemoveMembershipMutation, { refetchQueries: ['MemberListQuery', 'ViewerQuery'] });
  const [editing, setEditing] = useState<EditableMembership | null>(null);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const connection = query.data?.company?.memberships;
  const edges = connection?.edges ?? [];

  async function onRemove(id: string, name: string) {
    setRemoveBusy(true);
    try {
      const { data: result } = await remove({ variables: { id } });
      const e = result?.removeMembership.userErrors[0];
      if (e) notifications.show({ color: 'red', title: t('people.remove'), message: errorText(e), autoClose: 10000 });
      else notifications.show({ color: 'green', message: t('people.removed', { name }) });
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    } finally {
      setRemoveBusy(false);
      setRemoving(null);
    }
  }

  return (
    <>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('people.count', { count })} />
      <QueryState query={query} empty={edges.length === 0} emptyText={t('people.noMembers')}>
        <TableScroll label={t('people.members')} minWidth={640}>
          <Table striped highlightOnHover aria-label={t('people.members')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people.name')}</Table.Th>
                <Table.Th>{t('people.email')}</Table.Th>
                <Table.Th>{t('people.role')}</Table.Th>
                <Table.Th>{t('people.capabilities')}</Table.Th>
                {canManage && <Table.Th>{t('people.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ node: m }) => {
                const name = personName(m.account);
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      {name} {m.account.disabled && <Badge color="gray">{t('staff.disabled')}</Badge>}
                    </Table.Td>
                    <Table.Td>{m.account.email}</Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        tt="none"
                        color={m.role === 'ADMINISTRATOR' ? 'grape' : m.role === 'MODERATOR' ? 'blue' : 'gray'}
                      >
                        {t(`role.${m.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.capabilities.map((c) => t(`capability.${c}`)).join(', ')}</Text>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setEditing({ id: m.id, name, role: m.role, capabilities: m.capabilities })}
                            aria-label={`${t('people.edit')}: ${name}`}
                          >
                            {t('people.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRemoving({ id: m.id, name })}
                            aria-label={`${t('people.remove')}: ${name}`}
                          >
                            {t('people.remove')}
                          </Button>
                        </Group>
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
          onLoad={(after) => void query.fetchMore({ variables: { companyId: company.id, after } })}
        />
        {editing && <EditMembershipDialog membership={editing} companyName={company.name} onClose={() => setEditing(null)} />}
        {removing && (
          <ConfirmDialog
            title={t('people.removeTitle', { name: removing.name, company: company.name })}
            message={t('people.removeConfirm', { name: removing.name, company: company.name })}
            confirmLabel={t('people.remove')}
            loading={removeBusy}
            onConfirm={() => void onRemove(removing.id, removing.name)}
            onCancel={() => setRemoving(null)}
          />
        )}
      </QueryState>
    </>
  );
}
