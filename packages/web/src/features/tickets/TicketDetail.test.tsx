import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { userErrors, viewerMock, type UserErrorInput } from '../../test/mocks';
import { TicketDetail, TicketDetailQuery, UpdateTicketMutation } from './TicketDetail';

const ID = 'tkt_1';
const TITLE = 'Printer on floor 2 is jammed';
/** The ticket's number, shown before its title in the heading (issue 17). */
const NUMBER = 1042;
const heading = (title: string) => `#${NUMBER} ${title}`;

function ticketMock(rename: boolean) {
  return {
    request: { query: TicketDetailQuery, variables: { id: ID } },
    result: {
      data: {
        ticket: {
          __typename: 'Ticket',
          id: ID,
          number: NUMBER,
          title: TITLE,
          description: null,
          status: 'OPEN',
          createdAt: '2026-01-10T09:00:00.000Z',
          updatedAt: '2026-01-10T09:00:00.000Z',
          lastActivityAt: '2026-01-10T09:00:00.000Z',
          viewerAccess: ['OWN_TICKET'],
          viewerCan: { __typename: 'TicketPermissions', rename, close: true, changeStatus: false, assign: false },
          company: { __typename: 'Company', id: 'cmp_1', name: 'Northwind Retail' },
          requester: { __typename: 'Account', id: 'acc_alice', firstName: 'Alice', lastName: 'Novak', email: 'alice@example.com' },
          assignee: null,
        },
      },
    },
  };
}

/** updateTicket({ id, title }); `calls` sees every request that reached the server. */
function renameMock(title: string, errors: UserErrorInput[] = [], calls = vi.fn()) {
  return {
    request: { query: UpdateTicketMutation, variables: { input: { id: ID, title } } },
    result: () => {
      calls(title);
      return {
        data: {
          updateTicket: {
            __typename: 'TicketPayload',
            ticket: errors.length
              ? null
              : {
                  __typename: 'Ticket',
                  id: ID,
                  title,
                  status: 'OPEN',
                  updatedAt: '2026-01-11T09:00:00.000Z',
                  lastActivityAt: '2026-01-11T09:00:00.000Z',
                  assignee: null,
                  statusChanges: [],
                },
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

function setup({ rename = true, mocks = [] as object[] } = {}) {
  return renderWithProviders(<TicketDetail id={ID} />, [ticketMock(rename), viewerMock({}), ...mocks] as never);
}

type User = ReturnType<typeof setup>['user'];
async function openRename(user: User) {
  await user.click(await screen.findByRole('button', { name: 'Rename ticket' }));
  return screen.getByRole('textbox', { name: /Title/ });
}
async function retitle(user: User, value: string) {
  const input = await openRename(user);
  await user.clear(input);
  if (value) await user.paste(value);
  await user.click(screen.getByRole('button', { name: 'Save' }));
  return input;
}

describe('TicketDetail: renaming a ticket', () => {
  it('offers no rename when Ticket.viewerCan.rename is false', async () => {
    setup({ rename: false });
    expect(await screen.findByRole('heading', { name: heading(TITLE) })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rename ticket' })).not.toBeInTheDocument();
  });

  it('saves the new title, confirms it and gives focus back to the rename button', async () => {
    const calls = vi.fn();
    const { user } = setup({ mocks: [renameMock('Printer fixed?', [], calls)] });
    await retitle(user, '  Printer fixed?  ');
    expect(await screen.findByRole('heading', { name: heading('Printer fixed?') })).toBeInTheDocument();
    expect(calls).toHaveBeenCalledWith('Printer fixed?'); // trimmed, like the server stores it
    expect(await screen.findByText('Ticket renamed.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Title/ })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Rename ticket' })).toHaveFocus());
  });

  it.each([
    ['blank', '   ', 'This cannot be empty.'],
    ['too long', 'x'.repeat(201), 'Use at most 200 characters.'],
  ])('refuses a %s title on the field without asking the server', async (_, value, message) => {
    const calls = vi.fn();
    const { user } = setup({ mocks: [renameMock(value.trim(), [], calls)] });
    const input = await retitle(user, value);
    const error = await screen.findByText(message);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
    expect(calls).not.toHaveBeenCalled();
  });

  it('accepts exactly 200 characters', async () => {
    const title = 'y'.repeat(200);
    const { user } = setup({ mocks: [renameMock(title)] });
    await retitle(user, title);
    expect(await screen.findByRole('heading', { name: heading(title) })).toBeInTheDocument();
  });

  it("shows the server's INVALID_INPUT on the title field", async () => {
    const { user } = setup({
      mocks: [renameMock('Tab\tseparated', [{ code: 'INVALID_INPUT', message: 'title must not be blank', field: ['input', 'title'] }])],
    });
    const input = await retitle(user, 'Tab\tseparated');
    expect(await screen.findByText('title must not be blank')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  it.each([
    ['FORBIDDEN', 'You may not do that.'],
    ['NOT_FOUND', 'It no longer exists, or you may not see it.'],
  ])('explains %s above the field and keeps the form open', async (code, text) => {
    const { user } = setup({ mocks: [renameMock('New title', [{ code, field: code === 'NOT_FOUND' ? ['input', 'id'] : null }])] });
    await retitle(user, 'New title');
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.getByRole('textbox', { name: /Title/ })).toHaveValue('New title');
  });

  it('cancels with Escape and keeps the old title', async () => {
    const { user } = setup();
    const input = await openRename(user);
    expect(input).toHaveFocus();
    await user.type(input, ' draft');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(heading(TITLE));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Rename ticket' })).toHaveFocus());
  });
});

describe('TicketDetail: the ticket number (issue 17)', () => {
  it('shows #number before the title in the page heading', async () => {
    setup({ rename: false });
    const title = await screen.findByRole('heading', { level: 1 });
    expect(title).toHaveTextContent(heading(TITLE));
    expect(title.textContent?.startsWith('#1042 ')).toBe(true);
  });
});
