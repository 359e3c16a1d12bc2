import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MailDeliveryListQuery, RetryMailDeliveryMutation } from '../../features/mail/MailDeliveryList';
import { userErrors, viewerMock, type UserErrorInput } from '../../test/mocks';
import { LocationProbe, renderWithProviders } from '../../test/render';
import { MailDeliveriesPage } from './MailDeliveriesPage';

type Status = 'FAILED' | 'PENDING' | 'SENDING' | 'SENT';

const delivery = (id: string, status: Status, extra: Record<string, unknown> = {}) => ({
  __typename: 'MailDelivery',
  id,
  kind: 'NOTIFICATION',
  toAddress: `${id}@example.com`,
  subject: `New reply: Printer ${id}`,
  event: 'COMMENT_ADDED',
  ticketId: 'tkt_1',
  status,
  attempts: status === 'FAILED' ? 8 : 1,
  lastError: status === 'FAILED' ? '550 mailbox unavailable' : null,
  createdAt: '2026-01-10T09:00:00.000Z',
  nextAttemptAt: '2026-01-10T10:00:00.000Z',
  sentAt: status === 'SENT' ? '2026-01-10T09:01:00.000Z' : null,
  ...extra,
});

function listMock(statuses: Status[] | null, nodes: ReturnType<typeof delivery>[], requests = vi.fn()) {
  return {
    request: { query: MailDeliveryListQuery, variables: { first: 25, filter: { statuses } } },
    result: () => {
      requests(statuses);
      return {
        data: {
          mailDeliveries: {
            __typename: 'MailDeliveryConnection',
            totalCount: nodes.length,
            pageInfo: { __typename: 'PageInfo', endCursor: null, hasNextPage: false },
            edges: nodes.map((node) => ({ __typename: 'MailDeliveryEdge', cursor: node.id, node })),
          },
        },
      };
    },
  };
}

function retryMock(id: string, calls = vi.fn(), errors: UserErrorInput[] = []) {
  return {
    request: { query: RetryMailDeliveryMutation, variables: { id } },
    result: () => {
      calls(id);
      return {
        data: {
          retryMailDelivery: {
            __typename: 'MailDeliveryPayload',
            delivery: errors.length ? null : delivery(id, 'PENDING', { attempts: 8, lastError: '550 mailbox unavailable' }),
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

function setup(mocks: object[], route = '/staff/mail') {
  return renderWithProviders(
    <>
      <MailDeliveriesPage />
      <LocationProbe />
    </>,
    [viewerMock({ staffRole: 'AGENT' }, 5), ...mocks] as never,
    { route },
  );
}

const table = () => screen.findByRole('table', { name: 'Mail deliveries' });

describe('MailDeliveriesPage', () => {
  it('shows the failed emails first, with recipient, subject, event, ticket, attempts and error', async () => {
    const requests = vi.fn();
    setup([listMock(['FAILED'], [delivery('d1', 'FAILED')], requests)]);
    const row = within(await table())
      .getByText('d1@example.com')
      .closest('tr')!;
    expect(requests).toHaveBeenCalledWith(['FAILED']);
    expect(screen.getByRole('radio', { name: 'Failed' })).toBeChecked();
    expect(within(row).getByText('New reply: Printer d1')).toBeInTheDocument();
    expect(within(row).getByText('Notification · reply or note')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Open the ticket of “New reply: Printer d1”' })).toHaveAttribute('href', '/tickets/tkt_1');
    expect(within(row).getByText('8')).toBeInTheDocument();
    expect(within(row).getByText('550 mailbox unavailable')).toBeInTheDocument();
    expect(within(row).getByText('Failed')).toBeInTheDocument();
  });

  it('sends a failed email again and shows it queued', async () => {
    const calls = vi.fn();
    const { user } = setup([listMock(['FAILED'], [delivery('d1', 'FAILED')]), retryMock('d1', calls)]);
    const row = within(await table())
      .getByText('d1@example.com')
      .closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Retry the email to d1@example.com' }));
    expect(await screen.findByText('The email to d1@example.com is queued again.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith('d1');
    await waitFor(() => expect(within(row).getByText('Pending')).toBeInTheDocument());
    expect(within(row).queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
  });

  it('says why a retry was refused', async () => {
    const { user } = setup([listMock(['FAILED'], [delivery('d1', 'FAILED')]), retryMock('d1', vi.fn(), [{ code: 'CONFLICT' }])]);
    const row = within(await table())
      .getByText('d1@example.com')
      .closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Retry the email to d1@example.com' }));
    expect(await screen.findByText('It changed in the meantime. Reload and try again.')).toBeInTheDocument();
  });

  it('filters by status in the URL; only failed ones offer a retry', async () => {
    const { user } = setup([
      listMock(['FAILED'], []),
      listMock(null, [delivery('d1', 'FAILED'), delivery('d2', 'SENT'), delivery('d3', 'PENDING')]),
    ]);
    expect(await screen.findByText('No failed emails: everything was delivered or is on its way.')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/staff/mail?status=ALL'));
    const sent = within(await table())
      .getByText('d2@example.com')
      .closest('tr')!;
    expect(within(sent).getByText('Sent')).toBeInTheDocument();
    expect(within(sent).queryByRole('button', { name: /Retry/ })).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Retry the email/ })).toHaveLength(1);
  });

  it('tells "no failed emails" (with a way to see all) from "no emails yet", and counts them', async () => {
    const { user } = setup([listMock(['FAILED'], []), listMock(null, [])]);
    expect(await screen.findByText('No failed emails: everything was delivered or is on its way.')).toHaveAttribute('role', 'status');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await screen.findByText('No emails yet.')).toHaveAttribute('role', 'status');
    expect(screen.getByTestId('location')).toHaveTextContent('/staff/mail?status=ALL');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    expect(screen.getByText('0 emails')).toBeInTheDocument();
  });

  it('shows an error with a way to try again', async () => {
    setup([
      { request: { query: MailDeliveryListQuery, variables: { first: 25, filter: { statuses: ['FAILED'] } } }, error: new Error('boom') },
    ]);
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong: boom');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
