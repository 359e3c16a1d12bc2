import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { AcceptInvitation, AcceptInvitationMutation, AcceptInvitationPreviewQuery } from './AcceptInvitation';

const TOKEN = 'tok_abc';
const PASSWORD = 'four unrelated words here';

function preview(overrides: Record<string, unknown> | null = {}) {
  return {
    request: { query: AcceptInvitationPreviewQuery, variables: { token: TOKEN } },
    result: {
      data: {
        invitationPreview:
          overrides === null
            ? null
            : {
                __typename: 'InvitationPreview',
                companyName: 'Northwind Retail',
                role: 'MODERATOR',
                inviterName: 'Alice Novak',
                email: 'bob@example.com',
                firstName: 'Bob',
                lastName: 'Builder',
                language: 'en',
                status: 'PENDING',
                expiresAt: '2030-01-01T10:00:00.000Z',
                existingAccount: false,
                ...overrides,
              },
      },
    },
  };
}

function accept(password: string, userErrors: Array<{ code: string; message: string; field: string[] | null }> = []) {
  return {
    request: { query: AcceptInvitationMutation, variables: { input: { token: TOKEN, password } } },
    result: {
      data: {
        acceptInvitation: {
          __typename: 'SignInPayload',
          account: userErrors.length ? null : { __typename: 'Account', id: 'acc_1' },
          userErrors: userErrors.map((e) => ({ __typename: 'UserError', ...e })),
        },
      },
    },
  };
}

function setup(mocks: object[], token: string | null = TOKEN) {
  const onAccepted = vi.fn();
  return { ...renderWithProviders(<AcceptInvitation token={token} onAccepted={onAccepted} />, mocks as never), onAccepted };
}

type User = ReturnType<typeof setup>['user'];
async function type(user: User, label: RegExp, value: string) {
  await user.click(screen.getByLabelText(label));
  await user.paste(value);
}
const submit = (user: User) => user.click(screen.getByRole('button', { name: 'Accept and sign in' }));

describe('AcceptInvitation', () => {
  it('asks for the emailed link when there is no token', () => {
    setup([], null);
    expect(screen.getByText('This page needs the link from your invitation email.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to sign in' })).toHaveAttribute('href', '/signin');
  });

  it('explains an unknown, used or revoked link and what to do next', async () => {
    setup([preview(null)]);
    expect(await screen.findByText(/no longer valid/)).toBeInTheDocument();
    expect(screen.getByText(/ask the person who invited you to send a new invitation/)).toBeInTheDocument();
  });

  it('explains an expired link and what to do next', async () => {
    setup([preview({ status: 'EXPIRED' })]);
    expect(await screen.findByText('This invitation has expired.')).toBeInTheDocument();
    expect(screen.getByText(/resend the invitation/)).toBeInTheDocument();
  });

  it('shows company, role and inviter, and lets a new person set a password', async () => {
    const { user, onAccepted } = setup([preview(), accept(PASSWORD)]);
    expect(await screen.findByRole('heading', { name: 'Join Northwind Retail' })).toBeInTheDocument();
    expect(screen.getByText('Alice Novak invited you to Northwind Retail as Moderator.')).toBeInTheDocument();
    expect(screen.getByText(/bob@example\.com/)).toBeInTheDocument();
    await type(user, /Choose a password/, PASSWORD);
    expect(screen.getByText(/Password strength: strong/)).toBeInTheDocument();
    await type(user, /Repeat the password/, PASSWORD);
    await submit(user);
    await waitFor(() => expect(onAccepted).toHaveBeenCalled());
  });

  it('validates length and confirmation before asking the server', async () => {
    const { user, onAccepted } = setup([preview()]);
    await screen.findByRole('heading', { name: 'Join Northwind Retail' });
    await type(user, /Choose a password/, 'short');
    expect(screen.getByText(/Password strength: weak/)).toBeInTheDocument();
    await submit(user);
    expect(await screen.findByText('Use at least 12 characters.')).toBeInTheDocument();
    await type(user, /Choose a password/, ' but now long enough');
    await type(user, /Repeat the password/, 'something else entirely');
    await submit(user);
    expect(await screen.findByText('The passwords do not match.')).toBeInTheDocument();
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it('asks an existing account for its password and explains a wrong one', async () => {
    const { user, onAccepted } = setup([
      preview({ existingAccount: true }),
      accept('wrong password', [
        { code: 'INVALID_CREDENTIALS', message: 'An account with this email exists', field: ['input', 'password'] },
      ]),
    ]);
    expect(await screen.findByText(/You already have an account with bob@example.com/)).toBeInTheDocument();
    expect(screen.queryByLabelText(/Repeat the password/)).not.toBeInTheDocument();
    await type(user, /Your password/, 'wrong password');
    await submit(user);
    expect(await screen.findByText(/That is not the password of the account with this email/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Your password/)).toHaveAttribute('aria-invalid', 'true');
    expect(onAccepted).not.toHaveBeenCalled();
  });

  it.each([
    ['INVITATION_INVALID', /no longer valid/],
    ['INVITATION_EXPIRED', /This invitation has expired/],
  ])('switches to the %s explanation when the server says so', async (code, text) => {
    const { user } = setup([preview(), accept(PASSWORD, [{ code, message: 'token', field: ['input', 'token'] }])]);
    await screen.findByRole('heading', { name: 'Join Northwind Retail' });
    await type(user, /Choose a password/, PASSWORD);
    await type(user, /Repeat the password/, PASSWORD);
    await submit(user);
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept and sign in' })).not.toBeInTheDocument();
  });

  it('shows INVALID_INPUT from the server on the password field', async () => {
    const { user } = setup([
      preview(),
      accept(PASSWORD, [{ code: 'INVALID_INPUT', message: 'Choose a password of at most 200 characters', field: ['input', 'password'] }]),
    ]);
    await screen.findByRole('heading', { name: 'Join Northwind Retail' });
    await type(user, /Choose a password/, PASSWORD);
    await type(user, /Repeat the password/, PASSWORD);
    await submit(user);
    expect(await screen.findByText('Choose a password of at most 200 characters')).toBeInTheDocument();
    expect(screen.getByLabelText(/Choose a password/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('explains that a disabled account cannot join (FORBIDDEN)', async () => {
    const { user } = setup([
      preview({ existingAccount: true }),
      accept(PASSWORD, [{ code: 'FORBIDDEN', message: 'This account is disabled', field: null }]),
    ]);
    await screen.findByText(/You already have an account/);
    await type(user, /Your password/, PASSWORD);
    await submit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('This account is disabled, so it cannot join.');
  });
});
