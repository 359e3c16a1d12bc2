import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import type { GrantListFieldsFragment } from '../../gql/graphql';
import { QueryState, type QueryLike } from '../../ui/QueryState';
import { GrantList } from './GrantList';
import { TableScroll } from '../../ui/TableScroll';

export interface GrantRow {
  key: string;
  /** One cell per column, before the "why" column. */
  cells: ReactNode[];
  grants: readonly GrantListFieldsFragment[];
}

/** Who or what has access, one row each, with the grants that explain it (ticketAudience, accountVisibility). */
export function GrantTable({ label, columns, rows, query }: { label: string; columns: string[]; rows: GrantRow[]; query: QueryLike }) {
  const { t } = useI18n();
  return (
    <QueryState query={query} empty={rows.length === 0}>
      <TableScroll label={label} minWidth={560}>
        <Table striped aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c}>{c}</Table.Th>
              ))}
              <Table.Th>{t('staff.why')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                {r.cells.map((cell, i) => (
                  <Table.Td key={i}>{cell}</Table.Td>
                ))}
                <Table.Td>
                  <GrantList grants={r.grants} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </QueryState>
  );
}
