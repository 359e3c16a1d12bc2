import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { InvitationStatus } from '../../gql/graphql';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';

export const InvitationListQuery = graphql(`
  query InvitationListQuery($companyId: ID!) {
    company(id: $companyId) {
      id
      invitations(first: 50) {
        totalCount
        edges {
          node {
            id
            email
            firstName
            lastName
            role
            status
            expiresAt
            invitedBy {
              ...PersonNameFields
            }
          }
        }
      }
    }
  }
`);

const ResendMutation = graphql(`
  mutation InvitationListResendMutation($id: ID!) {
    resendInvitation(id: $id) {
      invitation {
        id
        status
        expiresAt
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const RevokeMutation = graphql(`
  mutation InvitationListRevokeMutation($id: ID!) {
    revokeInvitation(id: $id) {
      invitation {
        id
        status
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const STATUS_COLOR: Record<InvitationStatus, string> = { PENDING: 'blue', ACCEPTED: 'green', EXPIRED: 'orange', REVOKED: 'gray' };

export function InvitationList({ company, canManage }: { company: { id: string; name: string }; canManage: boolean }) {
  const { t, formatDateTime } = useI18n();
  const errorText = useUserErrorMessage(company.name);
  const query = useQuery(InvitationListQuery, { variables: { companyId: company.id } });
  const [resend] = useMutation(ResendMutation, { refetchQueries: ['InvitationListQuery'] });
  const [revoke] = useMutation(RevokeMutation, { refetchQueries: ['InvitationListQuery', 'MemberListQuery'] });
  const edges = query.data?.company?.invitations.edges ?? [];

  async function run(kind: 'resend' | 'revoke', id: string, email: string) {
    if (kind === 'revoke' && !window.confirm(t('people.revokeConfirm', { email }))) return;
    try {
      const result =
        kind === 'resend'
          ? (await resend({ variables: { id } })).data?.resendInvitation
          : (await revoke({ variables: { id } })).data?.revokeInvitation;
      const e = result?.userErrors[0];
      // a refused resend sent nothing: say so, and that waiting helps
      const failure = e && (e.code === 'RATE_LIMITED' && kind === 'resend' ? t('people.resendRateLimited', { email }) : errorText(e));
      if (e) notifications.show({ color: 'red', message: failure, autoClose: 10000 });
      else notifications.show({ color: 'green', message: t(kind === 'resend' ? 'people.resent' : 'people.revoked', { email }) });
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    }
  }

  return (
    <QueryState query={query} empty={edges.length === 0} emptyText={t('people.noInvitations')}>
      <Table striped aria-label={t('people.invitations')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('people.name')}</Table.Th>
            <Table.Th>{t('people.email')}</Table.Th>
            <Table.Th>{t('people.role')}</Table.Th>
            <Table.Th>{t('people.status')}</Table.Th>
            <Table.Th>{t('people.expires')}</Table.Th>
            <Table.Th>{t('people.invitedBy')}</Table.Th>
            {canManage && <Table.Th>{t('people.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {edges.map(({ node: i }) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                {i.firstName} {i.lastName}
              </Table.Td>
              <Table.Td>{i.email}</Table.Td>
              <Table.Td>{t(`role.${i.role}`)}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[i.status]} variant="light">
                  {t(`invitationStatus.${i.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateTime(i.expiresAt)}</Table.Td>
              <Table.Td>{i.invitedBy ? personName(i.invitedBy) : '—'}</Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {(i.status === 'PENDING' || i.status === 'EXPIRED') && (
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => void run('resend', i.id, i.email)}
                        aria-label={`${t('people.resend')}: ${i.email}`}
                      >
                        {t('people.resend')}
                      </Button>
                    )}
                    {i.status !== 'REVOKED' && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => void run('revoke', i.id, i.email)}
                        aria-label={`${t('people.revoke')}: ${i.email}`}
                      >
                        {t('people.revoke')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </QueryState>
  );
}
