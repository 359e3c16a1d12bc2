import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { userErrors, viewerMock, type UserErrorInput } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { AddCommentMutation } from './ReplyBox';
import { COMMENTS_PAGE, TicketConversation, TicketConversationQuery } from './TicketConversation';

const ID = 'tkt_1';
type Status = 'NEW' | 'OPEN' | 'WAITING' | 'RESOLVED' | 'CLOSED';

interface Change {
  id: string;
  from: Status;
  to: Status;
  at: string;
  actor?: 'alice' | 'sam' | null;
}

const statusChange = (c: Change) => ({
  __typename: 'TicketStatusChange',
  id: c.id,
  fromStatus: c.from,
  toStatus: c.to,
  createdAt: c.at,
  actor: c.actor === null ? null : (({ staffRole: _, ...person }) => person)(AUTHORS[c.actor ?? 'sam']),
});

interface Msg {
  id: string;
  body: string;
  visibility?: 'PUBLIC' | 'INTERNAL';
  author?: 'alice' | 'sam';
  at?: string;
}

const AUTHORS = {
  alice: { __typename: 'Account', id: 'acc_alice', firstName: 'Alice', lastName: 'Novak', staffRole: null },
  sam: { __typename: 'Account', id: 'acc_sam', firstName: 'Sam', lastName: 'Fischer', staffRole: 'AGENT' },
};

const comment = (m: Msg) => ({
  __typename: 'TicketComment',
  id: m.id,
  body: m.body,
  visibility: m.visibility ?? 'PUBLIC',
  createdAt: m.at ?? '2026-01-10T09:00:00.000Z',
  author: AUTHORS[m.author ?? 'alice'],
});

/** One page of Ticket.comments; `after`/`first` name the request it answers (a later page, a catch-up). */
function threadMock(
  messages: Msg[],
  {
    status = 'OPEN' as Status,
    after,
    first = COMMENTS_PAGE,
    next,
    changes = [],
  }: { status?: Status; after?: string; first?: number; next?: string; changes?: Change[] } = {},
) {
  return {
    request: { query: TicketConversationQuery, variables: { id: ID, first, ...(after ? { after } : {}) } },
    result: {
      data: {
        ticket: {
          __typename: 'Ticket',
          id: ID,
          status,
          statusChanges: changes.map(statusChange),
          comments: {
            __typename: 'TicketCommentConnection',
            totalCount: messages.length,
            pageInfo: { __typename: 'PageInfo', endCursor: messages.at(-1)?.id ?? after ?? null, hasNextPage: !!next },
            edges: messages.map((m) => ({ __typename: 'TicketCommentEdge', cursor: m.id, node: comment(m) })),
          },
        },
      },
    },
  };
}

/** addTicketComment answering with the new comment (or the userErrors); `calls` sees each request's input. */
function addMock(
  input: { body: string; visibility: 'PUBLIC' | 'INTERNAL' },
  {
    calls = vi.fn(),
    errors = [] as UserErrorInput[],
    status = 'OPEN' as Status,
    delay = 0,
    author = 'alice' as Msg['author'],
    changes = [] as Change[],
  } = {},
) {
  return {
    request: { query: AddCommentMutation, variables: { input: { ticketId: ID, ...input } } },
    delay,
    result: () => {
      calls(input);
      return {
        data: {
          addTicketComment: {
            __typename: 'TicketCommentPayload',
            comment: errors.length ? null : comment({ id: 'cmt_new', body: input.body, visibility: input.visibility, author }),
            ticket: errors.length
              ? null
              : {
                  __typename: 'Ticket',
                  id: ID,
                  status,
                  updatedAt: '2026-01-11T09:00:00.000Z',
                  lastActivityAt: '2026-01-11T09:00:00.000Z',
                  statusChanges: changes.map(statusChange),
                },
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

const FIRST: Msg[] = [
  { id: 'cmt_1', body: 'The printer jams on **every** job.', at: '2026-01-10T09:00:00.000Z' },
  { id: 'cmt_2', body: 'Firmware is old, check v2 first.', visibility: 'INTERNAL', author: 'sam', at: '2026-01-10T10:00:00.000Z' },
  { id: 'cmt_3', body: 'We are on it.', author: 'sam', at: '2026-01-10T11:00:00.000Z' },
];

function setup(mocks: object[], staffRole: string | null = null) {
  return renderWithProviders(<TicketConversation ticketId={ID} />, [
    viewerMock({ staffRole, ...(staffRole ? { id: 'acc_sam', firstName: 'Sam', lastName: 'Fischer' } : {}) }, 5),
    ...mocks,
  ] as never);
}

const thread = () => screen.getByRole('list', { name: 'Conversation' });
const replyBox = () => screen.findByRole('textbox', { name: /Your reply|Internal note/ });

describe('TicketConversation: the thread', () => {
  it('lists the messages oldest first with author and time, internal notes marked for staff', async () => {
    setup([threadMock(FIRST)], 'AGENT');
    await screen.findByText('We are on it.');
    const items = within(thread()).getAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('article').getAttribute('aria-label'))).toEqual([
      'Reply by Alice Novak',
      'Internal note by Sam Fischer',
      'Reply by Sam Fischer',
    ]);
    expect(within(items[0]).getByText('every').tagName).toBe('STRONG'); // Markdown
    expect(within(items[0]).getByText(/2026/).closest('time')).toHaveAttribute('dateTime', '2026-01-10T09:00:00.000Z');
    // the note says what it is, in words and in looks; the replies do not
    expect(within(items[1]).getByText('Internal note — staff only')).toBeInTheDocument();
    expect(within(items[1]).getByRole('article')).toHaveAttribute('data-visibility', 'INTERNAL');
    expect(within(items[2]).queryByText('Internal note — staff only')).not.toBeInTheDocument();
    expect(within(items[2]).getByText('Support')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Conversation (3)' })).toBeInTheDocument();
  });

  it('shows status changes between the messages they came between, by time, with or without who', async () => {
    const changes: Change[] = [
      { id: 'sc_1', from: 'NEW', to: 'OPEN', at: '2026-01-10T09:30:00.000Z' },
      { id: 'sc_2', from: 'OPEN', to: 'RESOLVED', at: '2026-01-10T12:00:00.000Z', actor: null },
    ];
    setup([threadMock(FIRST, { changes })], 'AGENT');
    await screen.findByText('We are on it.');
    const items = within(thread()).getAllByRole('listitem');
    expect(items.map((i) => within(i).queryByRole('article')?.getAttribute('aria-label') ?? i.textContent)).toEqual([
      'Reply by Alice Novak',
      expect.stringMatching(/^Sam Fischer changed the status from New to Open · .*2026/),
      'Internal note by Sam Fischer',
      'Reply by Sam Fischer',
      expect.stringMatching(/^The status changed from Open to Resolved · /),
    ]);
    expect(within(items[1]).getByText(/2026/).closest('time')).toHaveAttribute('dateTime', '2026-01-10T09:30:00.000Z');
    expect(screen.getByRole('heading', { name: 'Conversation (3)' })).toBeInTheDocument(); // messages only
  });

  it('holds back status changes after the last loaded message until no page is left', async () => {
    const changes: Change[] = [{ id: 'sc_1', from: 'OPEN', to: 'WAITING', at: '2026-01-10T10:30:00.000Z' }];
    const { user } = setup([
      threadMock(FIRST.slice(0, 1), { next: 'cmt_1', changes }),
      threadMock(FIRST.slice(1), { after: 'cmt_1', changes }),
    ]);
    await screen.findByText(/The printer jams/);
    expect(screen.queryByText(/changed the status/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('We are on it.');
    const items = within(thread()).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    expect(items[2]).toHaveTextContent(/^Sam Fischer changed the status from Open to Waiting/);
  });

  it('loads later messages with "Load more"', async () => {
    const { user } = setup([threadMock(FIRST.slice(0, 1), { next: 'cmt_1' }), threadMock(FIRST.slice(2), { after: 'cmt_1' })]);
    await screen.findByText(/The printer jams/);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('We are on it.')).toBeInTheDocument();
    expect(within(thread()).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('says when nobody wrote yet, and still offers the reply box', async () => {
    setup([threadMock([])]);
    expect(await screen.findByText('No replies yet.')).toBeInTheDocument();
    expect(await replyBox()).toBeInTheDocument();
  });

  it('shows typed HTML and script as text, never as markup', async () => {
    const body = '<script>window.__pwned = 1</script>\n\nSee <img src=x onerror="window.__pwned = 2"> and [click](javascript:alert(1))';
    const { container } = setup([threadMock([{ id: 'cmt_x', body }])]);
    expect(await screen.findByText(/<script>window.__pwned = 1<\/script>/)).toBeInTheDocument();
    expect(screen.getByText(/<img src=x onerror=/)).toBeInTheDocument();
    expect(container.querySelector('script, img, [onerror]')).toBeNull();
    expect(screen.getByText('click').closest('a')?.getAttribute('href') ?? '').not.toMatch(/javascript/i);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('TicketConversation: replying', () => {
  it('refuses an empty or too long reply on the field without asking the server', async () => {
    const calls = vi.fn();
    const { user } = setup([threadMock(FIRST.slice(0, 1)), addMock({ body: 'x', visibility: 'PUBLIC' }, { calls })]);
    const box = await replyBox();
    await user.type(box, '   ');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('This cannot be empty.')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveFocus();

    await user.clear(box);
    await user.paste('y'.repeat(20_001));
    expect(screen.getByText('20,001 / 20,000 characters')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Use at most 20,000 characters.')).toBeInTheDocument();
    expect(calls).not.toHaveBeenCalled();
    expect(screen.getByText(/Up to 20,000 characters/)).toBeInTheDocument(); // the limit is said before it bites
  });

  it('sends the trimmed text, is disabled while sending, then shows the reply in the thread', async () => {
    const calls = vi.fn();
    const { user } = setup([
      threadMock(FIRST.slice(0, 1)),
      addMock({ body: 'Still **jamming**.', visibility: 'PUBLIC' }, { calls, delay: 150 }),
      threadMock([{ id: 'cmt_new', body: 'Still **jamming**.' }], { after: 'cmt_1', first: 100 }),
    ]);
    const box = await replyBox();
    await user.type(box, '  Still **jamming**.  ');
    const send = screen.getByRole('button', { name: 'Send reply' });
    await user.click(send);
    await waitFor(() => expect(send).toBeDisabled());
    expect(await screen.findByText('Reply sent.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith({ body: 'Still **jamming**.', visibility: 'PUBLIC' });
    expect(await within(thread()).findByText('jamming')).toBeInTheDocument();
    expect(within(thread()).getAllByRole('listitem')).toHaveLength(2);
    expect(box).toHaveValue('');
    expect(send).toBeEnabled();
  });

  it("shows the server's field error on the field, and others above it", async () => {
    const { user } = setup([
      threadMock(FIRST.slice(0, 1)),
      addMock(
        { body: 'bad\u0007bell', visibility: 'PUBLIC' },
        { errors: [{ code: 'INVALID_INPUT', message: 'The message contains control characters', field: ['input', 'body'] }] },
      ),
      addMock({ body: 'ok', visibility: 'PUBLIC' }, { errors: [{ code: 'FORBIDDEN', message: 'no', field: null }] }),
    ]);
    const box = await replyBox();
    await user.click(box);
    await user.paste('bad\u0007bell');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('The message contains control characters')).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');

    await user.clear(box);
    await user.type(box, 'ok');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You may not do that.');
    expect(box).toHaveValue('ok'); // nothing lost
  });

  it('offers customers no internal note', async () => {
    setup([threadMock(FIRST.slice(0, 1))]);
    await replyBox();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.queryByText(/Internal note/)).not.toBeInTheDocument();
  });

  it('lets staff choose an internal note, which looks and says so', async () => {
    const calls = vi.fn();
    const { user } = setup(
      [
        threadMock(FIRST.slice(0, 1)),
        addMock({ body: 'Call the vendor.', visibility: 'INTERNAL' }, { calls, author: 'sam' }),
        threadMock([{ id: 'cmt_new', body: 'Call the vendor.', visibility: 'INTERNAL', author: 'sam' }], { after: 'cmt_1', first: 100 }),
      ],
      'AGENT',
    );
    const pub = await screen.findByRole('radio', { name: 'Public reply — the customer sees it' });
    expect(pub).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Internal note — staff only' }));
    const box = screen.getByRole('textbox', { name: 'Internal note (staff only)' });
    await user.type(box, 'Call the vendor.');
    await user.click(screen.getByRole('button', { name: 'Add internal note' }));
    expect(await screen.findByText('Internal note added.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith({ body: 'Call the vendor.', visibility: 'INTERNAL' });
    const note = await within(thread()).findByRole('article', { name: 'Internal note by Sam Fischer' });
    expect(within(note).getByText('Internal note — staff only')).toBeInTheDocument();
  });

  it('tells a customer that replying reopens a resolved ticket, and that it did', async () => {
    const { user } = setup([
      threadMock(FIRST.slice(0, 1), { status: 'RESOLVED' }),
      addMock(
        { body: 'It is back.', visibility: 'PUBLIC' },
        { status: 'OPEN', changes: [{ id: 'sc_re', from: 'RESOLVED', to: 'OPEN', at: '2026-01-11T09:00:00.000Z', actor: 'alice' }] },
      ),
      threadMock([{ id: 'cmt_new', body: 'It is back.', at: '2026-01-11T09:00:00.000Z' }], {
        after: 'cmt_1',
        first: 100,
        status: 'OPEN',
        changes: [{ id: 'sc_re', from: 'RESOLVED', to: 'OPEN', at: '2026-01-11T09:00:00.000Z', actor: 'alice' }],
      }),
    ]);
    expect(await screen.findByText('This ticket is resolved. Replying reopens this ticket.')).toBeInTheDocument();
    await user.type(await replyBox(), 'It is back.');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('Reply sent. The ticket is open again.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(/Replying reopens this ticket/)).not.toBeInTheDocument());
    // the reopening shows in the thread, after the reply that caused it
    const items = await waitFor(() => {
      const all = within(thread()).getAllByRole('listitem');
      expect(all).toHaveLength(3);
      return all;
    });
    expect(items[1]).toHaveTextContent('It is back.');
    expect(items[2]).toHaveTextContent(/^Alice Novak changed the status from Resolved to Open/);
  });

  it('does not say so to staff, whose replies leave the status alone', async () => {
    setup([threadMock(FIRST.slice(0, 1), { status: 'RESOLVED' })], 'AGENT');
    await replyBox();
    expect(screen.queryByText(/Replying reopens this ticket/)).not.toBeInTheDocument();
  });

  it('explains to a customer why a closed ticket has no reply box', async () => {
    setup([threadMock(FIRST.slice(0, 1), { status: 'CLOSED' })]);
    expect(await screen.findByText('This ticket is closed')).toBeInTheDocument();
    expect(screen.getByText(/A closed ticket takes no more replies/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send reply' })).not.toBeInTheDocument();
  });

  it('still lets staff comment on a closed ticket', async () => {
    setup([threadMock(FIRST.slice(0, 1), { status: 'CLOSED' })], 'AGENT');
    expect(await replyBox()).toBeInTheDocument();
    expect(screen.getByText(/customers can no longer reply; staff can still comment/)).toBeInTheDocument();
  });

  it('switches to the closed notice when the ticket was closed while the customer wrote', async () => {
    const { user } = setup([
      threadMock(FIRST.slice(0, 1)),
      addMock({ body: 'One more thing', visibility: 'PUBLIC' }, { errors: [{ code: 'CONFLICT', field: ['input', 'ticketId'] }] }),
      threadMock(FIRST.slice(0, 1), { status: 'CLOSED' }),
    ]);
    await user.type(await replyBox(), 'One more thing');
    await user.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(await screen.findByText('This ticket is closed')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});
