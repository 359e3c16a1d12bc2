import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { companyPickerMock, userErrors } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { ApiTokenList, ApiTokenListQuery, RevokeApiTokenMutation } from './ApiTokenList';
import { CreateApiTokenMutation } from './CreateApiTokenDialog';

const token = (id: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'ApiToken' as const,
  id,
  name: `Token ${id}`,
  tokenPrefix: `cltl_${id}`,
  scopes: ['TICKETS_READ'],
  company: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...extra,
});

function listMock(tokens: object[], uses = 1) {
  return {
    request: { query: ApiTokenListQuery },
    result: { data: { viewer: { __typename: 'Account', id: 'acc_alice', apiTokens: tokens } } },
    maxUsageCount: uses,
  };
}

describe('ApiTokenList', () => {
  it('says so when there are no tokens', async () => {
    renderWithProviders(<ApiTokenList />, [listMock([])]);
    expect(await screen.findByText('No API tokens yet.')).toBeInTheDocument();
  });

  it('shows each token with what it may do, where, and its state', async () => {
    renderWithProviders(<ApiTokenList />, [
      listMock([
        token('a', { scopes: ['TICKETS_READ', 'TICKETS_WRITE'], company: { __typename: 'Company', id: 'cmp_n', name: 'Northwind' } }),
        token('b', { revokedAt: '2026-11-02T10:00:00.000Z' }),
      ]),
    ]);
    const items = await screen.findAllByRole('listitem');
    expect(within(items[0]).getByText('Read tickets, Create and change tickets')).toBeInTheDocument();
    expect(within(items[0]).getByText('Only Northwind and the companies under it')).toBeInTheDocument();
    expect(within(items[0]).getByText('Active')).toBeInTheDocument();
    expect(within(items[0]).getByRole('button', { name: 'Revoke the API token Token a' })).toBeInTheDocument();
    expect(within(items[1]).getByText('Revoked')).toBeInTheDocument();
    expect(within(items[1]).queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it('revokes only after confirmation', async () => {
    const revoked = vi.fn();
    const { user } = renderWithProviders(<ApiTokenList />, [
      listMock([token('a')]),
      {
        request: { query: RevokeApiTokenMutation, variables: { id: 'a' } },
        result: () => {
          revoked();
          return {
            data: {
              revokeApiToken: {
                __typename: 'ApiTokenPayload',
                apiToken: token('a', { revokedAt: '2026-12-07T10:00:00.000Z' }),
                userErrors: [],
              },
            },
          };
        },
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Revoke the API token Token a' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this API token?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(revoked).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Revoke the API token Token a' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(revoked).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('The API token Token a is revoked.')).toBeInTheDocument();
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
  });

  it('creates a token and shows its secret once; a server refusal lands on its field', async () => {
    const inputs: unknown[] = [];
    let refuse = true;
    const { user } = renderWithProviders(<ApiTokenList />, [
      listMock([], 5),
      companyPickerMock([{ id: 'cmp_n', name: 'Northwind' }]),
      {
        request: { query: CreateApiTokenMutation, variables: () => true },
        result: (v: { input: unknown }) => {
          inputs.push(v.input);
          if (refuse) {
            refuse = false;
            return {
              data: {
                createApiToken: {
                  __typename: 'CreateApiTokenPayload',
                  apiToken: null,
                  token: null,
                  userErrors: userErrors([{ code: 'INVALID_INPUT', message: 'A token with this name exists', field: ['input', 'name'] }]),
                },
              },
            };
          }
          return {
            data: {
              createApiToken: { __typename: 'CreateApiTokenPayload', apiToken: token('new'), token: 'cltl_secret_value', userErrors: [] },
            },
          };
        },
        maxUsageCount: 2,
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'New API token' }));
    const dialog = await screen.findByRole('dialog', { name: 'New API token' });
    await user.click(within(dialog).getByRole('button', { name: 'New API token' }));
    expect(await within(dialog).findByText('This cannot be empty.')).toBeInTheDocument();
    expect(inputs).toHaveLength(0); // a blank name never reaches the server
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Monitoring');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Create and change tickets' }));
    await user.click(within(dialog).getByRole('button', { name: 'New API token' }));
    expect(await within(dialog).findByText('A token with this name exists')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'New API token' }));
    expect(await screen.findByTestId('secret-once')).toHaveTextContent('cltl_secret_value');
    expect(inputs[1]).toMatchObject({ name: 'Monitoring', scopes: ['TICKETS_READ', 'TICKETS_WRITE'], companyId: null });
    expect((inputs[1] as { expiresAt: string }).expiresAt).toMatch(/^\d{4}-/);
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('secret-once')).toBeNull();
  });
});
