import { useQuery } from '@apollo/client/react';
import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { personName } from '../../ui/personName';
import { ListSummary } from '../../ui/ListSummary';
import { QueryState } from '../../ui/QueryState';
import { useDeviceLabel } from './useDeviceLabel';
import { TableScroll } from '../../ui/TableScroll';

export const SignInLogQuery = graphql(`
  query SignInLogQuery($companyId: ID!, $first: Int!, $after: String) {
    company(id: $companyId) {
      id
      signInEvents(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...LoadMoreButtonFields
        }
        edges {
          cursor
          node {
            at
            email
            clientAddress
            userAgent
            succeeded
            secondFactorUsed
            account {
              ...PersonNameFields
            }
          }
        }
      }
    }
  }
`);

export const SIGN_IN_LOG_PAGE = 25;

/**
 * A company's sign-ins and failed sign-ins of the last 30 days, newest first (staff and the
 * company's ADMINISTRATORs; the caller shows it only to them). On a phone the table scrolls sideways.
 */
export function SignInLog({ company, headingOrder = 2 }: { company: { id: string; name: string }; headingOrder?: 2 | 3 }) {
  const { t, formatDateTime } = useI18n();
  const device = useDeviceLabel();
  const variables = { companyId: company.id, first: SIGN_IN_LOG_PAGE };
  const query = useQuery(SignInLogQuery, { variables, notifyOnNetworkStatusChange: true });
  const connection = query.data?.company?.signInEvents;
  const edges = connection?.edges ?? [];
  const headingId = `sign-in-log-${company.id}`;
  // FORBIDDEN says what it means rather than the server's English
  const error = query.error && graphqlErrorCode(query.error) === 'FORBIDDEN' ? { message: t('signInLog.forbidden') } : query.error;

  return (
    <Stack>
      <Title order={headingOrder} size={headingOrder === 2 ? 'h3' : 'h4'} id={headingId}>
        {t('signInLog.title')}
      </Title>
      <Text size="sm">{t('signInLog.intro', { company: company.name })}</Text>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('signInLog.count', { count })} />
      <QueryState query={{ ...query, error }} empty={edges.length === 0} emptyText={t('signInLog.empty')}>
        <TableScroll label={t('signInLog.title')} minWidth={720}>
          <Table striped aria-labelledby={headingId} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('signInLog.time')}</Table.Th>
                <Table.Th>{t('signInLog.person')}</Table.Th>
                <Table.Th>{t('signInLog.address')}</Table.Th>
                <Table.Th>{t('signInLog.deviceColumn')}</Table.Th>
                <Table.Th>{t('signInLog.outcome')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ cursor, node: e }) => (
                <Table.Tr key={cursor}>
                  <Table.Td>
                    <Text size="sm" component="time" dateTime={e.at}>
                      {formatDateTime(e.at)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {e.account ? (
                      <>
                        <Text size="sm">{personName(e.account)}</Text>
                        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {e.email}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {e.email}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.clientAddress ?? t('signInLog.unknownAddress')}</Text>
                  </Table.Td>
                  <Table.Td maw={240}>
                    <Text size="sm" title={e.userAgent ?? undefined} style={{ overflowWrap: 'anywhere' }}>
                      {device(e.userAgent)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {/* the words carry the outcome; the colour only repeats it */}
                    <Group gap={4} wrap="wrap">
                      <Badge color={e.succeeded ? 'green' : 'red'} variant="light" tt="none">
                        {t(e.succeeded ? 'signInLog.succeeded' : 'signInLog.failed')}
                      </Badge>
                      {e.secondFactorUsed && (
                        <Text size="xs" c="dimmed">
                          {t('signInLog.withSecondStep')}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <LoadMoreButton
          pageInfo={connection?.pageInfo}
          loading={query.loading}
          onLoad={(after) => void query.fetchMore({ variables: { ...variables, after } })}
        />
      </QueryState>
    </Stack>
  );
}
