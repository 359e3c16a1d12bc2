import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { de } from '../../app/i18n/de';
import { en } from '../../app/i18n/en';
import { sk } from '../../app/i18n/sk';
import { AccountPickerQuery } from '../accounts/AccountPicker';
import { companyPickerMock } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { AUDIT_PAGE, AuditLog, AuditLogQuery } from './AuditLog';

const SERVER_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../server/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Every action code the server records: the action argument of recordChange(…) and `action: '…'` of record({…}). */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const file of sources(SERVER_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/recordChange\(([\s\S]*?)auditTarget/g))
      for (const literal of m[1].matchAll(/'([A-Za-z_]+(?:\.[a-z_]+)?)'/g)) if (literal[1]) found.add(literal[1]);
    for (const m of text.matchAll(/action:\s*'([a-z_]+\.[a-z_]+|[A-Z]+(?:_[A-Z]+)+)'/g)) found.add(m[1]);
  }
  return [...found].sort();
}

describe('audit action names', () => {
  it('every action the server records has a name in English, German and Slovak', () => {
    const actions = recordedActions();
    expect(actions).toEqual(
      expect.arrayContaining(['auth.sign_in', 'company.move', 'account.disable', 'account.enable', 'TICKET_COMMENTED']),
    );
    for (const action of actions) {
      const key = `audit.action.${action}` as keyof typeof en;
      expect.soft(en[key], action).toBeTruthy();
      for (const catalogue of [de, sk]) {
        expect.soft(catalogue[key], action).toBeTruthy();
        expect.soft(catalogue[key], action).not.toBe(action);
      }
    }
  });

  it('German says "sibling companies" for sharing with the family', () => {
    expect(de['staff.setting.shareTicketsWithFamily']).toContain('Schwesterfirmen');
    expect(de['staff.setting.shareTicketsWithFamily']).not.toContain('Tochter');
  });
});

const event = (n: number, overrides: Record<string, unknown>) => ({
  __typename: 'AuditEvent',
  id: `aud_${n}`,
  occurredAt: `2026-12-0${n}T08:00:00.000Z`,
  targetType: 'Company',
  targetId: 'cmp_1',
  clientIp: '203.0.113.7',
  before: null,
  after: null,
  actor: { __typename: 'Account', id: 'acc_sam', firstName: 'Sam', lastName: 'Staff' },
  company: { __typename: 'Company', id: 'cmp_1', name: 'Northwind Retail' },
  ...overrides,
});

function auditMock(variables: Record<string, unknown>, events: object[], seen?: (v: object) => void) {
  return {
    request: {
      query: AuditLogQuery,
      variables: (v: Record<string, unknown>) => {
        const wanted = { first: AUDIT_PAGE, companyId: null, actions: null, actorId: null, since: null, until: null, ...variables };
        const asked: Record<string, unknown> = { ...v, ...(v.filter as object | null) };
        return Object.entries(wanted).every(([k, value]) => JSON.stringify(asked[k] ?? null) === JSON.stringify(value));
      },
    },
    result: (v: object) => {
      seen?.(v);
      return {
        data: {
          auditEvents: {
            __typename: 'AuditEventConnection',
            totalCount: events.length,
            pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
            edges: events.map((node, i) => ({ __typename: 'AuditEventEdge', cursor: `c${i}`, node })),
          },
        },
      };
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

const accountPickerMock = {
  request: { query: AccountPickerQuery, variables: () => true },
  result: { data: { accounts: { __typename: 'AccountConnection', totalCount: 0, edges: [] } } },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

describe('AuditLog', () => {
  it('says who did what, in words, with the change as before and after', async () => {
    renderWithProviders(<AuditLog />, [
      companyPickerMock([]),
      accountPickerMock,
      auditMock({}, [
        event(2, {
          action: 'company.move',
          before: { name: 'Northwind Retail', parentId: 'cmp_old', parentName: 'Northwind Holding', portalEnabled: true },
          after: { name: 'Northwind Retail', parentId: 'cmp_new', parentName: 'Contoso Group', portalEnabled: true },
        }),
        event(1, {
          action: 'membership.update',
          targetType: 'Membership',
          before: { role: 'MEMBER', capabilities: ['TICKETS'] },
          after: { role: 'MODERATOR', capabilities: ['TICKETS', 'SOLVER'] },
        }),
        event(3, { action: 'auth.sign_in_failed', actor: null, company: null, targetType: 'Account', after: { email: 'x@example.com' } }),
        event(4, { action: 'ticket.update', targetType: 'Ticket', before: { status: 'NEW' }, after: { status: 'WAITING' } }),
      ]),
    ] as never);
    const table = await screen.findByRole('table', { name: 'Audit log' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .filter((r) => r.closest('table') === table);
    expect(rows[0]).toHaveTextContent('Company moved');
    expect(rows[0]).toHaveTextContent('by Sam Staff · Northwind Retail');
    const moved = within(rows[0]).getByRole('table', { name: 'Changes: Company moved' });
    // only what changed: the parent by its name (not its id), not the name or the settings that stayed
    expect(
      within(moved)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['FieldBeforeAfter', 'Parent companyNorthwind HoldingContoso Group']);
    const roles = within(rows[1]).getByRole('table', { name: 'Changes: Role or capabilities changed' });
    expect(roles).toHaveTextContent('RoleMemberModerator');
    expect(roles).toHaveTextContent('CapabilitiesTicketsTickets, Solver');
    expect(rows[2]).toHaveTextContent('Sign-in failed');
    expect(rows[3]).toHaveTextContent('Ticket changed');
    expect(within(rows[3]).getByRole('table', { name: 'Changes: Ticket changed' })).toHaveTextContent('StatusNewWaiting');
    expect(rows[2]).toHaveTextContent('by someone not signed in');
    expect(screen.queryByText('company.move')).not.toBeInTheDocument();
    expect(screen.getByText('4 events')).toBeInTheDocument();
  });

  it('filters by action and by days, and tells an empty filter from an empty log', async () => {
    const asked: object[] = [];
    const { user } = renderWithProviders(<AuditLog />, [
      companyPickerMock([]),
      accountPickerMock,
      auditMock({}, [event(1, { action: 'company.create' })]),
      auditMock({ actions: ['company.move'] }, [], (v) => asked.push(v)),
      auditMock(
        { actions: ['company.move'], since: new Date(2026, 11, 1).toISOString(), until: new Date(2026, 11, 3).toISOString() },
        [],
        (v) => asked.push(v),
      ),
    ] as never);
    expect(await screen.findByText('Company created')).toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Action' }));
    await user.click(await screen.findByRole('option', { name: 'Company moved', hidden: true }));
    expect(await screen.findByText('No events match these filters.')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('To (inclusive)'), { target: { value: '2026-12-02' } });
    await waitFor(() =>
      expect(asked.some((v) => (v as { filter?: { until?: string } }).filter?.until === new Date(2026, 11, 3).toISOString())).toBe(true),
    );
    // clearing the filters empties every field and shows the whole log again
    await user.click(await screen.findByRole('button', { name: 'Clear filters' }));
    expect(await within(await screen.findByRole('table', { name: 'Audit log' })).findByText('Company created')).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveValue('');
    expect(screen.getByLabelText('To (inclusive)')).toHaveValue('');
    expect(screen.getByRole('combobox', { name: 'Action' })).toHaveValue('');
  });

  it('says nothing was recorded yet when the whole log is empty, with nothing to clear', async () => {
    renderWithProviders(<AuditLog />, [companyPickerMock([]), accountPickerMock, auditMock({}, [])] as never);
    expect(await screen.findByText('Nothing recorded yet.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });

  it('exports every event the filters match as CSV', async () => {
    const fetch = vi.fn(async () => new Response('csv'));
    vi.stubGlobal('fetch', fetch);
    Object.assign(URL, { createObjectURL: () => 'blob:audit', revokeObjectURL: () => undefined });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user } = renderWithProviders(<AuditLog />, [
      companyPickerMock([]),
      accountPickerMock,
      auditMock({}, [event(1, { action: 'company.create' })]),
      auditMock({ since: new Date(2026, 11, 1).toISOString() }, [event(1, { action: 'company.create' })]),
    ] as never);
    expect(await screen.findByText('Company created')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const since = new Date(2026, 11, 1).toISOString();
    expect(fetch).toHaveBeenCalledWith(`/export/audit.csv?${new URLSearchParams({ since }).toString()}`, { credentials: 'same-origin' });
    vi.unstubAllGlobals();
    click.mockRestore();
  });
});
