import { screen, waitFor } from '@testing-library/react';
import { GraphQLError } from 'graphql';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ForgotPasswordMutation } from '../features/security/ForgotPasswordForm';
import { ResetPasswordMutation } from '../features/security/ResetPasswordForm';
import { userErrors, type UserErrorInput } from '../test/mocks';
import { LocationProbe, renderWithProviders } from '../test/render';
import PasswordResetPage from './PasswordResetPage';

const TOKEN = 'rst_abc';
const PASSWORD = 'four unrelated words here';

/** requestPasswordReset(email): always ok, unless the server refuses with a GraphQL error code. */
function forgotMock(email: string, calls = vi.fn(), errorCode?: string) {
  return {
    request: { query: ForgotPasswordMutation, variables: { email } },
    result: () => {
      calls(email);
      return errorCode
        ? { errors: [new GraphQLError('refused', { extensions: { code: errorCode } })] }
        : { data: { requestPasswordReset: { __typename: 'RequestPasswordResetPayload', ok: true } } };
    },
  };
}

function resetMock(password: string, errors: UserErrorInput[] = [], calls = vi.fn()) {
  return {
    request: { query: ResetPasswordMutation, variables: { token: TOKEN, password } },
    result: () => {
      calls(password);
      return {
        data: {
          resetPassword: {
            __typename: 'SignInPayload',
            account: errors.length ? null : { __typename: 'Account', id: 'acc_alice' },
            secondFactor: null,
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

function setup(route: string, mocks: object[]) {
  return renderWithProviders(
    <Routes>
      <Route path="/password-reset" element={<PasswordResetPage />} />
      <Route path="*" element={<LocationProbe />} />
    </Routes>,
    mocks as never,
    { route },
  );
}

type User = ReturnType<typeof setup>['user'];
async function fill(user: User, label: RegExp | string, value: string) {
  await user.click(screen.getByLabelText(label));
  await user.paste(value);
}

describe('PasswordResetPage: asking for a link', () => {
  it.each(['alice@example.com', 'nobody@example.com'])('gives the same confirmation for %s', async (email) => {
    const calls = vi.fn();
    const { user } = setup('/password-reset', [forgotMock(email, calls)]);
    expect(screen.getByRole('heading', { name: 'Reset your password' })).toBeInTheDocument();
    await fill(user, /Email/, email);
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    const confirmation = await screen.findByRole('status');
    expect(confirmation).toHaveTextContent(`If an account exists for ${email}, we sent a link to it. The link works for 60 minutes.`);
    expect(confirmation).toHaveFocus();
    expect(calls).toHaveBeenCalledExactlyOnceWith(email);
    expect(screen.queryByRole('textbox', { name: /Email/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/signin');
  });

  it('says to wait when the server limits the requests', async () => {
    const { user } = setup('/password-reset', [forgotMock('alice@example.com', vi.fn(), 'RATE_LIMITED')]);
    await fill(user, /Email/, 'alice@example.com');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many reset requests in a short time. Wait a few minutes, then try again.',
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Email/ })).toHaveValue('alice@example.com');
  });

  it('checks the address before asking the server', async () => {
    const calls = vi.fn();
    const { user } = setup('/password-reset', [forgotMock('alice', calls)]);
    await fill(user, /Email/, 'alice');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Enter an email address such as name@company.com.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Email/ })).toHaveAttribute('aria-invalid', 'true');
    expect(calls).not.toHaveBeenCalled();
  });
});

describe('PasswordResetPage: the emailed link', () => {
  const route = `/password-reset?token=${TOKEN}`;
  const submit = (user: User) => user.click(screen.getByRole('button', { name: 'Set password and sign in' }));

  it('sets the new password, signs in and goes home', async () => {
    const calls = vi.fn();
    const { user } = setup(route, [resetMock(PASSWORD, [], calls)]);
    expect(screen.getByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    await fill(user, /^New password/, PASSWORD);
    await fill(user, /^Repeat the new password/, PASSWORD);
    await submit(user);
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/'));
    expect(calls).toHaveBeenCalledExactlyOnceWith(PASSWORD);
    expect(await screen.findByText('Your new password is set and you are signed in.')).toBeInTheDocument();
  });

  it('refuses a too short password or a different repetition without asking the server', async () => {
    const calls = vi.fn();
    const { user } = setup(route, [resetMock('short', [], calls), resetMock(PASSWORD, [], calls)]);
    await fill(user, /^New password/, 'short');
    await fill(user, /^Repeat the new password/, 'short');
    await submit(user);
    expect(await screen.findByText('Use at least 12 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^New password/)).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByLabelText(/^New password/));
    await fill(user, /^New password/, PASSWORD);
    await submit(user);
    expect(await screen.findByText('The passwords do not match.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Repeat the new password/)).toHaveAttribute('aria-invalid', 'true');
    expect(calls).not.toHaveBeenCalled();
  });

  it.each([
    ['INVALID_TOKEN', 'This link no longer works: it was used already, or a newer link replaced it.'],
    ['TOKEN_EXPIRED', 'This link has expired: reset links work for 60 minutes.'],
  ])('explains %s and links to ask for a new link', async (code, text) => {
    const { user } = setup(route, [resetMock(PASSWORD, [{ code, field: ['token'] }])]);
    await fill(user, /^New password/, PASSWORD);
    await fill(user, /^Repeat the new password/, PASSWORD);
    await submit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(screen.queryByLabelText(/^New password/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('link', { name: 'Ask for a new link' }));
    expect(await screen.findByRole('textbox', { name: /Email/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send reset link' })).toBeInTheDocument();
  });

  it("puts the server's password rule on the field", async () => {
    const { user } = setup(route, [
      resetMock(PASSWORD, [{ code: 'INVALID_INPUT', message: 'password is too common', field: ['password'] }]),
    ]);
    await fill(user, /^New password/, PASSWORD);
    await fill(user, /^Repeat the new password/, PASSWORD);
    await submit(user);
    expect(await screen.findByText('password is too common')).toBeInTheDocument();
    expect(screen.getByLabelText(/^New password/)).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('PasswordResetPage: the link of a new account (an account was created for you)', () => {
  const route = `/password-reset?token=${TOKEN}&welcome=1`;

  it('welcomes the person, sets the first password and signs in', async () => {
    const calls = vi.fn();
    const { user } = setup(route, [resetMock(PASSWORD, [], calls)]);
    expect(screen.getByRole('heading', { name: 'Choose your password' })).toBeInTheDocument();
    expect(screen.getByText(/An account was created for you/)).toBeInTheDocument();
    await fill(user, /^New password/, PASSWORD);
    await fill(user, /^Repeat the new password/, PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/'));
    expect(calls).toHaveBeenCalledExactlyOnceWith(PASSWORD);
    expect(await screen.findByText('Your password is set and you are signed in. Welcome!')).toBeInTheDocument();
  });

  it('says an expired link lasted 7 days, and how to get a new one', async () => {
    const { user } = setup(route, [resetMock(PASSWORD, [{ code: 'TOKEN_EXPIRED', field: ['token'] }])]);
    await fill(user, /^New password/, PASSWORD);
    await fill(user, /^Repeat the new password/, PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired: it works for 7 days.');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toBeInTheDocument();
  });
});
