import { useQuery } from '@apollo/client/react';
import { Code, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { CompanyPicker } from '../companies/CompanyPicker';

const AuditLogQuery = graphql(`
  query AuditLogQuery($first: Int!, $after: String, $companyId: ID) {
    auditEvents(first: $first, after: $after, companyId: $companyId) {
      totalCount
      pageInfo {
        ...LoadMoreButtonFields
      }
      edges {
        cursor
        node {
          id
          action
          occurredAt
          targetType
          targetId
          clientIp
          before
          after
          actor {
            ...PersonNameFields
          }
          company {
            id
            name
          }
        }
      }
    }
  }
`);

const PAGE = 50;

/** Staff: changes of access, newest first, optionally of one company. */
export function AuditLog() {
  const { t, formatDateTime } = useI18n();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const query = useQuery(AuditLogQuery, {
    variables: { first: PAGE, companyId },
    notifyOnNetworkStatusChange: true,
  });
  const { data, loading, fetchMore } = query;
  const connection = data?.auditEvents;
  const edges = connection?.edges ?? [];
  return (
    <Stack>
      <CompanyPicker
        label={t('common.company')}
        placeholder={t('common.all')}
        value={companyId}
        onChange={setCompanyId}
        clearable
        w={280}
      />
      <QueryState query={query} empty={edges.length === 0}>
        <Table striped aria-label={t('staff.audit')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staff.when')}</Table.Th>
              <Table.Th>{t('staff.action')}</Table.Th>
              <Table.Th>{t('staff.actor')}</Table.Th>
              <Table.Th>{t('common.company')}</Table.Th>
              <Table.Th>{t('staff.target')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {edges.map(({ node: e }) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDateTime(e.occurredAt)}</Table.Td>
                <Table.Td>
                  <Code>{e.action}</Code>
                </Table.Td>
                <Table.Td>{e.actor ? personName(e.actor) : '—'}</Table.Td>
                <Table.Td>{e.company?.name ?? '—'}</Table.Td>
                <Table.Td>
                  <details>
                    <summary>
                      {e.targetType} {e.clientIp ? `· ${e.clientIp}` : ''}
                    </summary>
                    <Text size="xs" component="pre" style={{ whiteSpace: 'pre-wrap' }}>
                      {JSON.stringify({ before: e.before, after: e.after }, null, 1)}
                    </Text>
                  </details>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <LoadMoreButton
          pageInfo={connection?.pageInfo}
          loading={loading}
          onLoad={(after) =>
            void fetchMore({
              variables: { after },
              updateQuery: (prev, { fetchMoreResult }) => ({
                auditEvents: {
                  ...fetchMoreResult.auditEvents,
                  edges: [...prev.auditEvents.edges, ...fetchMoreResult.auditEvents.edges],
                },
              }),
            })
          }
        />
      </QueryState>
    </Stack>
  );
}
