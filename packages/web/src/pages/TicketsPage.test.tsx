import { screen, within, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TicketListQuery } from '../features/tickets/TicketList';
import { VisibleCompaniesQuery } from '../features/tickets/useVisibleCompanies';
import { companyPickerMock, viewerMock } from '../test/mocks';
import { LocationProbe, renderWithProviders } from '../test/render';
import TicketsPage from './TicketsPage';

const COMPANY = { __typename: 'Company', id: 'cmp_1', name: 'Northwind Retail' };
const TICKETS = {
  NEW: 'Laptop for the new hire',
  OPEN: 'Printer is jammed',
  WAITING: 'Waiting for toner delivery',
  RESOLVED: 'VPN drops every hour',
  CLOSED: 'Old request',
} as const;
type Status = keyof typeof TICKETS;

/** The viewer sees one company, where it may (or may not) raise tickets. */
const visibleCompaniesMock = (createTicket = true) => ({
  request: { query: VisibleCompaniesQuery },
  result: {
    data: {
      companies: {
        __typename: 'CompanyConnection',
        totalCount: 1,
        edges: [
          {
            __typename: 'CompanyEdge',
            node: { __typename: 'Company', id: COMPANY.id, viewerCan: { __typename: 'CompanyPermissions', createTicket } },
          },
        ],
      },
    },
  },
});

/** One row of the list: the ticket of that status in the company. */
const ticketEdge = (status: Status, cursor: string, number: number) => ({
  __typename: 'TicketEdge',
  cursor,
  node: {
    __typename: 'Ticket',
    id: `tkt_${status}`,
    number,
    title: TICKETS[status],
    status,
    createdAt: '2026-01-10T09:00:00.000Z',
    viewerAccess: ['COMPANY_WIDE'],
    company: COMPANY,
    requester: null,
    assignee: null,
  },
});

/** The list the server returns for a filter: one ticket per status asked for (every status when none). */
function listMock(companyIds: string[] | null, statuses: Status[] | null, requests = vi.fn(), search: string | null = null) {
  const all = (statuses ?? (Object.keys(TICKETS) as Status[])).filter((s) => !search || TICKETS[s].toLowerCase().includes(search));
  const shown = all.map((status, i) => ticketEdge(status, `c${i}`, 1000 + i));
  return {
    request: { query: TicketListQuery, variables: { first: 25, filter: { companyIds, statuses, search } } },
    result: () => {
      requests(statuses);
      return {
        data: {
          tickets: {
            __typename: 'TicketConnection',
            totalCount: shown.length,
            pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
            edges: shown,
          },
        },
      };
    },
  };
}

function setup(route: string, mocks: object[], { mayRaise = true, staffRole = null as 'ADMIN' | 'AGENT' | null } = {}) {
  return renderWithProviders(
    <>
      <TicketsPage />
      <LocationProbe />
    </>,
    [visibleCompaniesMock(mayRaise), companyPickerMock([COMPANY]), viewerMock({ staffRole }, 10), ...mocks] as never,
    { route },
  );
}

const chip = (name: string) => screen.getByRole('checkbox', { name });
const location = () => screen.getByTestId('location').textContent;

describe('TicketsPage: status filter', () => {
  it('reads several statuses and the company from the URL (a reload keeps them)', async () => {
    const requests = vi.fn();
    setup('/tickets?company=cmp_1&status=WAITING&status=OPEN', [listMock(['cmp_1'], ['OPEN', 'WAITING'], requests)]);
    expect(await screen.findByText(TICKETS.OPEN)).toBeInTheDocument();
    expect(screen.getByText(TICKETS.WAITING)).toBeInTheDocument();
    expect(screen.queryByText(TICKETS.NEW)).not.toBeInTheDocument();
    expect(requests).toHaveBeenCalledWith(['OPEN', 'WAITING']);
    expect(chip('Open')).toBeChecked();
    expect(chip('Waiting')).toBeChecked();
    expect(chip('New')).not.toBeChecked();
    expect(screen.getByRole('group', { name: /Status/ })).toBeInTheDocument();
  });

  it('adds and removes statuses, keeps the company in the URL, and goes back', async () => {
    const { user } = setup('/tickets?company=cmp_1&status=OPEN', [
      listMock(['cmp_1'], ['OPEN']),
      listMock(['cmp_1'], ['OPEN', 'RESOLVED']),
      listMock(['cmp_1'], ['RESOLVED']),
    ]);
    expect(await screen.findByText(TICKETS.OPEN)).toBeInTheDocument();

    await user.click(chip('Resolved'));
    await waitFor(() => {
      expect(screen.getByText(TICKETS.RESOLVED)).toBeInTheDocument();
      expect(screen.getByText(TICKETS.OPEN)).toBeInTheDocument();
    });
    expect(location()).toBe('/tickets?company=cmp_1&status=OPEN&status=RESOLVED');

    await user.click(chip('Open'));
    await waitFor(() => {
      expect(screen.queryByText(TICKETS.OPEN)).not.toBeInTheDocument();
      expect(screen.getByText(TICKETS.RESOLVED)).toBeInTheDocument();
    });
    expect(location()).toBe('/tickets?company=cmp_1&status=RESOLVED');

    await user.click(screen.getByRole('button', { name: 'Browser back' }));
    expect(location()).toBe('/tickets?company=cmp_1&status=OPEN&status=RESOLVED');
    expect(chip('Open')).toBeChecked();
    expect(chip('Resolved')).toBeChecked();
    await waitFor(() => {
      expect(screen.getByText(TICKETS.OPEN)).toBeInTheDocument();
      expect(screen.getByText(TICKETS.RESOLVED)).toBeInTheDocument();
    });
  });

  it('toggles a status with the keyboard, and no status means every status', async () => {
    const { user } = setup('/tickets?status=NEW', [listMock(null, ['NEW']), listMock(null, null)]);
    expect(await screen.findByText(TICKETS.NEW)).toBeInTheDocument();
    chip('New').focus();
    await user.keyboard(' ');
    expect(chip('New')).not.toBeChecked();
    expect(await screen.findByText(TICKETS.CLOSED)).toBeInTheDocument();
    expect(location()).toBe('/tickets');
  });
});

describe('TicketsPage: search', () => {
  const searchBox = () => screen.getByRole('searchbox', { name: 'Search by title, number (#1042) or ticket id' });

  it('searches titles once typing pauses, keeps the search in the URL with the other filters, and reads it back', async () => {
    const requests = vi.fn();
    const { user } = setup('/tickets?status=OPEN&status=WAITING', [
      listMock(null, ['OPEN', 'WAITING']),
      listMock(null, ['OPEN', 'WAITING'], requests, 'toner'),
    ]);
    expect(await screen.findByText(TICKETS.OPEN)).toBeInTheDocument();
    await user.type(searchBox(), 'toner');
    await waitFor(() => expect(location()).toBe('/tickets?status=OPEN&status=WAITING&q=toner'));
    await waitFor(() => expect(screen.queryByText(TICKETS.OPEN)).not.toBeInTheDocument());
    expect(await screen.findByText(TICKETS.WAITING)).toBeInTheDocument();
    expect(requests).toHaveBeenCalledTimes(1); // once, after the pause, not per keystroke
  });

  it('shows each ticket’s number in its row (issue 17)', async () => {
    setup('/tickets', [listMock(null, null)]);
    const row = (await screen.findByText(TICKETS.OPEN)).closest('tr')!;
    expect(row.querySelector('td')).toHaveTextContent('#1001');
    expect(screen.getByRole('columnheader', { name: 'No.' })).toBeInTheDocument();
  });

  it('says when nothing matches the search', async () => {
    setup('/tickets?q=zebra', [listMock(null, null, vi.fn(), 'zebra')]);
    expect(await screen.findByText('No ticket matches “zebra”.')).toBeInTheDocument();
    expect(searchBox()).toHaveValue('zebra');
  });
});

describe('TicketsPage: new ticket', () => {
  it('offers no new ticket when the only company the viewer sees does not let it raise tickets', async () => {
    setup('/tickets', [listMock(null, null)], { mayRaise: false });
    expect(await screen.findByText(TICKETS.OPEN)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New ticket' })).not.toBeInTheDocument();
  });
});

/** An empty answer for a filter. */
const emptyMock = (filter: { companyIds: string[] | null; statuses: Status[] | null; search: string | null }) => ({
  request: { query: TicketListQuery, variables: { first: 25, filter } },
  result: {
    data: {
      tickets: {
        __typename: 'TicketConnection',
        totalCount: 0,
        pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
        edges: [],
      },
    },
  },
});

describe('TicketsPage: counts and empty states (issue 17)', () => {
  it('counts the tickets', async () => {
    setup('/tickets', [listMock(null, null)]);
    expect(await screen.findByText('5 tickets')).toBeInTheDocument();
  });

  it('says there are no tickets yet when nothing is filtered, with nothing to clear', async () => {
    setup('/tickets', [emptyMock({ companyIds: null, statuses: null, search: null })]);
    expect(await screen.findByText('No tickets yet.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('says no ticket matches the filters, and clears them at a click', async () => {
    const { user } = setup('/tickets?company=cmp_1&status=WAITING', [
      emptyMock({ companyIds: ['cmp_1'], statuses: ['WAITING'], search: null }),
      listMock(null, null),
    ]);
    expect(await screen.findByText('No tickets match these filters.')).toHaveAttribute('role', 'status');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText(TICKETS.OPEN)).toBeInTheDocument();
    expect(location()).toBe('/tickets');
    expect(chip('Waiting')).not.toBeChecked();
  });
});

describe('TicketsPage: sorting (issue 17)', () => {
  const sortedMock = (orderBy: string, order: Status[]) => ({
    request: { query: TicketListQuery, variables: { first: 25, filter: { companyIds: null, statuses: null, search: null }, orderBy } },
    result: {
      data: {
        tickets: {
          __typename: 'TicketConnection',
          totalCount: order.length,
          pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
          edges: order.map((status, i) => ticketEdge(status, `s${i}`, 2000 + i)),
        },
      },
    },
  });
  const titles = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('link')[0].textContent);

  it('newest first by default; "Oldest first" asks the server for that order, says so on the column, and keeps it in the URL', async () => {
    const { user } = setup('/tickets', [listMock(null, null), sortedMock('CREATED_AT_ASC', ['CLOSED', 'NEW'])]);
    expect(await screen.findByText('5 tickets')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'descending');
    await user.click(screen.getByRole('combobox', { name: 'Sort' }));
    await user.click(await screen.findByRole('option', { name: 'Oldest first', hidden: true }));
    await waitFor(() => expect(location()).toBe('/tickets?sort=oldest'));
    expect(await screen.findByText('2 tickets')).toBeInTheDocument();
    expect(titles()).toEqual([TICKETS.CLOSED, TICKETS.NEW]);
    expect(location()).toBe('/tickets?sort=oldest');
    expect(screen.getByRole('columnheader', { name: 'Created' })).toHaveAttribute('aria-sort', 'ascending');
  });

  it('"Recently changed first" from the URL; the Created column is then not the sort', async () => {
    setup('/tickets?sort=updated', [sortedMock('UPDATED_AT_DESC', ['WAITING', 'OPEN', 'NEW'])]);
    expect(await screen.findByText('3 tickets')).toBeInTheDocument();
    expect(titles()).toEqual([TICKETS.WAITING, TICKETS.OPEN, TICKETS.NEW]);
    expect(screen.getByRole('columnheader', { name: 'Created' })).not.toHaveAttribute('aria-sort');
  });
});

describe('TicketsPage: CSV export (issue 17)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('offers staff an export of what the filters show; customers none', async () => {
    const fetch = vi.fn(
      async () => new Response('csv', { headers: { 'content-disposition': 'attachment; filename="tickets-2026-05-04.csv"' } }),
    );
    vi.stubGlobal('fetch', fetch);
    Object.assign(URL, { createObjectURL: () => 'blob:tickets', revokeObjectURL: () => undefined });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user, unmount } = setup('/tickets?company=cmp_1&status=OPEN&q=printer', [listMock(['cmp_1'], ['OPEN'], vi.fn(), 'printer')], {
      staffRole: 'AGENT',
    });
    expect(await screen.findByText(TICKETS.OPEN)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(fetch).toHaveBeenCalledWith('/export/tickets.csv?companyId=cmp_1&status=OPEN&search=printer', { credentials: 'same-origin' }),
    );
    unmount();
    setup('/tickets', [listMock(null, null)]);
    expect(await screen.findByText(TICKETS.OPEN)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });
});
