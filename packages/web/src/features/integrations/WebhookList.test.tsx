import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { companyPickerMock, userErrors } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { CreateWebhookMutation } from './CreateWebhookDialog';
import { RedeliverMutation, WebhookDeliveriesQuery } from './WebhookDeliveries';
import { DeleteWebhookMutation, SetWebhookActiveMutation, WebhookList, WebhookListQuery } from './WebhookList';

const URL_A = 'https://hooks.example.com/clientele';

const webhook = (id: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Webhook' as const,
  id,
  url: URL_A,
  events: ['TICKET_CREATED', 'COMMENT_ADDED'],
  active: true,
  createdAt: '2026-11-01T10:00:00.000Z',
  company: null,
  ...extra,
});

function listMock(webhooks: object[], uses = 1) {
  return {
    request: { query: WebhookListQuery },
    result: { data: { viewer: { __typename: 'Account', id: 'acc_alice', webhooks } } },
    maxUsageCount: uses,
  };
}

const delivery = (id: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'WebhookDelivery' as const,
  id,
  event: 'TICKET_CREATED',
  attemptedAt: '2026-12-07T10:00:00.000Z',
  responseStatus: 200,
  durationMs: 41,
  error: null,
  succeeded: true,
  ...extra,
});

describe('WebhookList', () => {
  it('says so when there are no webhooks', async () => {
    renderWithProviders(<WebhookList />, [listMock([])]);
    expect(await screen.findByText('No webhooks yet.')).toBeInTheDocument();
  });

  it('shows where each posts, which events, and whether it is on', async () => {
    renderWithProviders(<WebhookList />, [
      listMock([
        webhook('whk_a', { company: { __typename: 'Company', id: 'cmp_n', name: 'Northwind' } }),
        webhook('whk_b', { active: false }),
      ]),
    ]);
    const items = await screen.findAllByRole('listitem');
    expect(within(items[0]).getByText('Ticket created, Comment added')).toBeInTheDocument();
    expect(within(items[0]).getByText(/Only Northwind and the companies under it/)).toBeInTheDocument();
    expect(within(items[0]).getByRole('switch', { name: `Webhook to ${URL_A} on` })).toBeChecked();
    expect(within(items[1]).getByText('Off')).toBeInTheDocument();
    expect(within(items[1]).getByRole('switch')).not.toBeChecked();
  });

  it('switches a webhook off, and deletes one only after confirmation', async () => {
    const calls = vi.fn();
    const { user } = renderWithProviders(<WebhookList />, [
      listMock([webhook('whk_a')]),
      {
        request: { query: SetWebhookActiveMutation, variables: { id: 'whk_a', active: false } },
        result: () => {
          calls('off');
          return {
            data: { setWebhookActive: { __typename: 'WebhookPayload', webhook: webhook('whk_a', { active: false }), userErrors: [] } },
          };
        },
      },
      {
        request: { query: DeleteWebhookMutation, variables: { id: 'whk_a' } },
        result: () => {
          calls('delete');
          return { data: { deleteWebhook: { __typename: 'DeletePayload', deletedId: 'whk_a', userErrors: [] } } };
        },
      },
    ]);
    await user.click(await screen.findByRole('switch', { name: `Webhook to ${URL_A} on` }));
    await waitFor(() => expect(screen.getByRole('switch')).not.toBeChecked());
    await user.click(screen.getByRole('button', { name: `Delete the webhook to ${URL_A}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this webhook?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: `Delete the webhook to ${URL_A}` }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(`The webhook to ${URL_A} is deleted.`)).toBeInTheDocument();
    expect(calls.mock.calls).toEqual([['off'], ['delete']]);
    await waitFor(() => expect(screen.queryAllByRole('listitem')).toHaveLength(0));
  });

  it('lists recent deliveries with their answers, and sends one again', async () => {
    const redelivered = vi.fn();
    const { user } = renderWithProviders(<WebhookList />, [
      listMock([webhook('whk_a')]),
      {
        request: { query: WebhookDeliveriesQuery, variables: { id: 'whk_a' } },
        result: {
          data: {
            node: {
              __typename: 'Webhook',
              id: 'whk_a',
              deliveries: [delivery('whd_2', { succeeded: false, responseStatus: 500, error: 'HTTP 500' }), delivery('whd_1')],
            },
          },
        },
        maxUsageCount: 2,
      },
      {
        request: { query: RedeliverMutation, variables: { id: 'whd_2' } },
        result: () => {
          redelivered();
          return {
            data: {
              redeliverWebhookDelivery: { __typename: 'WebhookPayload', webhook: { __typename: 'Webhook', id: 'whk_a' }, userErrors: [] },
            },
          };
        },
      },
    ]);
    const toggle = await screen.findByRole('button', { name: `Deliveries of the webhook to ${URL_A}` });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]).getByText('500')).toBeInTheDocument();
    expect(within(rows[1]).getByText('HTTP 500')).toBeInTheDocument();
    expect(within(rows[2]).getByText('200')).toBeInTheDocument();
    expect(within(rows[2]).getByText('41 ms')).toBeInTheDocument();
    await user.click(within(rows[1]).getByRole('button', { name: 'Send again' }));
    await waitFor(() => expect(redelivered).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Queued to be sent again.')).toBeInTheDocument();
  });

  it('creates a webhook and shows its secret once; the URL is checked first, a server refusal lands on its field', async () => {
    const inputs: unknown[] = [];
    const { user } = renderWithProviders(<WebhookList />, [
      listMock([], 5),
      companyPickerMock([{ id: 'cmp_n', name: 'Northwind' }]),
      {
        request: { query: CreateWebhookMutation, variables: () => true },
        result: (v: { input: { url: string } }) => {
          inputs.push(v.input);
          if (v.input.url.includes('internal')) {
            return {
              data: {
                createWebhook: {
                  __typename: 'CreateWebhookPayload',
                  webhook: null,
                  secret: null,
                  userErrors: userErrors([{ code: 'INVALID_INPUT', message: 'The address is not public', field: ['input', 'url'] }]),
                },
              },
            };
          }
          return {
            data: {
              createWebhook: { __typename: 'CreateWebhookPayload', webhook: webhook('whk_new'), secret: 'whsec_s3cret', userErrors: [] },
            },
          };
        },
        maxUsageCount: 2,
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'New webhook' }));
    const dialog = await screen.findByRole('dialog', { name: 'New webhook' });
    const url = within(dialog).getByRole('textbox', { name: /Receiver URL/ });
    await user.click(url);
    await user.paste('ftp://example.com');
    await user.click(within(dialog).getByRole('button', { name: 'New webhook' }));
    expect(await within(dialog).findByText('Enter a full address starting with https://')).toBeInTheDocument();
    expect(inputs).toHaveLength(0);
    await user.clear(url);
    await user.click(url);
    await user.paste('https://internal.example/hook');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Comment added' }));
    await user.click(within(dialog).getByRole('button', { name: 'New webhook' }));
    expect(await within(dialog).findByText('The address is not public')).toBeInTheDocument();
    expect(inputs[0]).toEqual({ url: 'https://internal.example/hook', events: ['TICKET_CREATED', 'TICKET_UPDATED'], companyId: null });
    await user.clear(url);
    await user.click(url);
    await user.paste(URL_A);
    await user.click(within(dialog).getByRole('button', { name: 'New webhook' }));
    expect(await screen.findByTestId('secret-once')).toHaveTextContent('whsec_s3cret');
  });
});
