import { useQuery } from '@apollo/client/react';
import { Badge, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { personName } from '../../ui/personName';
import { QueryState } from '../../ui/QueryState';
import { TableScroll } from '../../ui/TableScroll';
import { AccountPicker } from '../accounts/AccountPicker';
import { CompanyPicker } from '../companies/CompanyPicker';
import { AUDIT_ACTIONS, auditActionLabel, auditChanges, auditTargetLabel } from './auditText';
import { ListSummary } from '../../ui/ListSummary';
import { ExportCsvButton } from '../export/ExportCsvButton';

export const AuditLogQuery = graphql(`
  query AuditLogQuery($first: Int!, $after: String, $companyId: ID, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, companyId: $companyId, filter: $filter) {
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
            id
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

export const AUDIT_PAGE = 50;

/** 'YYYY-MM-DD' of a date input as the start of that day here, in ISO; `nextDay`: the start of the day after. */
function dayStart(value: string, nextDay = false): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (nextDay ? 1 : 0));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Staff: who changed what and when, newest first, as sentences with a readable before/after; filters by company, action, person and days. */
export function AuditLog() {
  const { t, formatDateTime } = useI18n();
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [action, setAction] = useState<string | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const since = dayStart(from);
  const until = dayStart(to, true);
  const backwards = since !== null && until !== null && since >= until;
  const filtered = companyId !== null || action !== null || actorId !== null || from !== '' || to !== '';
  const clearFilters = () => {
    setCompanyId(null);
    setAction(null);
    setActorId(null);
    setFrom('');
    setTo('');
  };
  // the CSV export of what the log shows (`/export/audit.csv`, the same filters as auditEvents)
  const exportParams = new URLSearchParams();
  if (companyId) exportParams.set('companyId', companyId);
  if (action) exportParams.set('action', action);
  if (actorId) exportParams.set('actorId', actorId);
  if (since) exportParams.set('since', since);
  if (until) exportParams.set('until', until);
  const query = useQuery(AuditLogQuery, {
    variables: { first: AUDIT_PAGE, companyId, filter: { actions: action ? [action] : null, actorId, since, until } },
    skip: backwards,
    notifyOnNetworkStatusChange: true,
  });
  const { data, loading, fetchMore } = query;
  const connection = data?.auditEvents;
  const edges = connection?.edges ?? [];
  const actionOptions = AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionLabel(a, t) })).sort((a, b) =>
    a.label.localeCompare(b.label),
  );

  return (
    <Stack>
      <Group align="flex-end" wrap="wrap" role="group" aria-label={t('audit.filters')}>
        <CompanyPicker
          label={t('common.company')}
          placeholder={t('common.all')}
          value={companyId}
          onChange={setCompanyId}
          clearable
          w={240}
        />
        <Select
          label={t('staff.action')}
          placeholder={t('audit.anyAction')}
          data={actionOptions}
          value={action}
          onChange={setAction}
          searchable
          clearable
          w={240}
        />
        <AccountPicker
          label={t('staff.actor')}
          placeholder={t('audit.anyone')}
          kind={null}
          value={actorId}
          onChange={setActorId}
          clearable
          w={260}
        />
        <TextInput type="date" label={t('audit.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} w={160} />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={backwards ? t('audit.backwards') : undefined}
          w={160}
        />
      </Group>
      <ListSummary shown={edges.length} total={connection?.totalCount} count={(count) => t('audit.count', { count })}>
        <ExportCsvButton list="audit" params={exportParams} total={connection?.totalCount} />
      </ListSummary>
      <QueryState
        query={query}
        empty={edges.length === 0}
        emptyText={t('audit.empty')}
        filters={{ active: filtered, noMatchText: t('audit.noneForFilter'), onClear: clearFilters }}
      >
        <TableScroll label={t('staff.audit')} minWidth={720}>
          <Table striped aria-label={t('staff.audit')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('staff.when')}</Table.Th>
                <Table.Th>{t('audit.what')}</Table.Th>
                <Table.Th>{t('audit.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {edges.map(({ node: e }) => {
                const changes = auditChanges(e.before, e.after, t);
                return (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{formatDateTime(e.occurredAt)}</Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text fw={600} size="sm">
                        {auditActionLabel(e.action, t)}
                      </Text>
                      <Text size="sm">
                        {e.actor ? t('audit.byActor', { actor: personName(e.actor) }) : t('audit.anonymous')}
                        {e.company ? ` · ${e.company.name}` : ''}
                      </Text>
                      <Group gap={6} mt={4}>
                        <Badge variant="light" color="gray" size="sm">
                          {auditTargetLabel(e.targetType, t)}
                        </Badge>
                        {e.clientIp && (
                          <Text size="xs" c="dimmed">
                            {t('audit.fromAddress', { address: e.clientIp })}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {changes.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      ) : (
                        <Table withRowBorders={false} fz="sm" aria-label={t('audit.changesOf', { action: auditActionLabel(e.action, t) })}>
                          <Table.Thead>
                            <Table.Tr>
                              <Table.Th>{t('audit.field')}</Table.Th>
                              <Table.Th>{t('audit.before')}</Table.Th>
                              <Table.Th>{t('audit.after')}</Table.Th>
                            </Table.Tr>
                          </Table.Thead>
                          <Table.Tbody>
                            {changes.map((c) => (
                              <Table.Tr key={c.field}>
                                <Table.Td>{c.label}</Table.Td>
                                <Table.Td>{c.before === null ? '—' : <del>{c.before}</del>}</Table.Td>
                                <Table.Td>
                                  {c.after === null ? '—' : <ins style={{ textDecoration: 'none', fontWeight: 600 }}>{c.after}</ins>}
                                </Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
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
