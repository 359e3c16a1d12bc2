import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { InvitationStatus, RevokeInvitationOutcome } from '../../gql/graphql';
import type { MessageKey } from '../../app/i18n/en';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { TableScroll } from '../../ui/TableScroll';
import { ListSummary } from '../../ui/ListSummary';
import { LoadMoreButton } from '../../ui/LoadMoreButton';

export const InvitationListQuery = graphql(`
  query InvitationListQuery($companyId: ID!, $after: String) {
    company(id: $companyId) {
      id
      invitations(first: 50, after: $after) {
        totalCount
        pageInfo {
          ...LoadMoreButtonFields
        }
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
      revokeOutcome
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const REVOKE_OUTCOME_MESSAGE: Record<RevokeInvitationOutcome, MessageKey> = {
  WITHDRAWN: 'people.revokedWithdrawn',
  MEMBERSHIP_REMOVED: 'people.revokedMembershipRemoved',
  NO_MEMBERSHIP: 'people.revokedNoMembership',
  MEMBERSHIP_KEPT: 'people.revokedMembershipKept',
};

const STATUS_COLOR: Record<InvitationStatus, string> = { PENDING: 'blue', ACCEPTED: 'green', EXPIRED: 'orange', REVOKED: 'gray' };

export function InvitationList({ company, canManage }: { company: { id: string; name: string }; canManage: boolean }) {
  const { t, formatDateTime } = useI18n();
  const errorText = useUserErrorMessage(company.name);
  const query = useQuery(InvitationListQuery, { variables: { companyId: company.id } });
  const [resend] = useMutation(ResendMutation, { refetchQueries: ['InvitationListQuery'] });
  const [revoke] = useMutation(RevokeMutation, { refetchQueries: ['InvitationListQuery', 'MemberListQuery'] });
  const connection = query.data?.company?.invitations;
  const edges = connection?.edges ?? [];
  // the revocation being confirmed (in-app dialog, issue 17)
  const [asking, setAsking] = useState<{ id: string; email: string; status: InvitationStatus } | null>(null);
  const [revoking, setRevoking] = useState(false);

  async function run(kind: 'resend' | 'revoke', id: string, email: string) {
    if (kind === 'revoke') setRevoking(true);
    try {
      const result =
        kind === 'resend'
          ? (await resend({ variables: { id } })).data?.resendInvitation
          : (await revoke({ variables: { id } })).data?.revokeInvitation;
      const e = result?.userErrors[0];
      // a refused resend sent nothing: say so, and that waiting helps
      const failure = e && (e.code === 'RATE_LIMITED' && kind === 'resend' ? t('people.resendRateLimited', { email }) : errorText(e));
      if (e) notifications.show({ color: 'red', message: failure, autoClose: 10000 });
      else if (kind === 'resend') notifications.show({ color: 'green', message: t('people.resent', { email }) });
      else {
        // say what happened besides the revocation: the membership removed, nothing to remove, or one that stays
        const outcome = result && 'revokeOutcome' in result ? result.revokeOutcome : null;
        const kept = outcome === 'MEMBERSHIP_KEPT';
        notifications.show({
          color: kept ? 'yellow' : 'green',
          message: t(outcome ? REVOKE_OUTCOME_MESSAGE[outcome] : 'people.revoked', { email }),
          autoClose: kept ? false : 8000,
        });
      }
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    } finally {
      if (kind === 'revoke') {
        setRevoking(false);
        setAsking(null);
      }
    }
  }

  return (
    <>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('people.invitationCount', { count })} />
      <QueryState query={query} empty={edges.length === 0} emptyText={t('people.noInvitations')}>
        <TableScroll label={t('people.invitations')} minWidth={760}>
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
                            onClick={() => setAsking({ id: i.id, email: i.email, status: i.status })}
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
        </TableScroll>
        <LoadMoreButton
          pageInfo={connection?.pageInfo}
          loading={query.loading}
          onLoad={(after) => void query.fetchMore({ variables: { companyId: company.id, after } })}
        />
        {asking && (
          // an accepted invitation takes its membership with it; a pending one is only withdrawn (issue 17, bug 3)
          <ConfirmDialog
            title={t(asking.status === 'ACCEPTED' ? 'people.revokeTitle' : 'people.withdrawTitle')}
            message={t(asking.status === 'ACCEPTED' ? 'people.revokeConfirm' : 'people.withdrawConfirm', { email: asking.email })}
            confirmLabel={t(asking.status === 'ACCEPTED' ? 'people.revoke' : 'people.withdraw')}
            loading={revoking}
            onConfirm={() => void run('revoke', asking.id, asking.email)}
            onCancel={() => setAsking(null)}
          />
        )}
      </QueryState>
    </>
  );
}
