import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { SignInMutation } from '../features/auth/SignInForm';
import { userErrors, viewerMock, type UserErrorInput } from '../test/mocks';
import { LocationProbe, renderWithProviders } from '../test/render';
import { SignInPage } from './SignInPage';

const EMAIL = 'alice@example.com';

/** signIn(email, password); `calls` sees every request that reached the server. */
function signInMock(password: string, errors: UserErrorInput[] = [], calls = vi.fn()) {
  return {
    request: { query: SignInMutation, variables: { email: EMAIL, password } },
    result: () => {
      calls(password);
      return {
        data: {
          signIn: {
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

/** Signed out at first; after a successful sign-in the store is reset and the viewer read again. */
function setup(route: string, mocks: object[], signedIn = false) {
  return renderWithProviders(
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="*" element={<LocationProbe />} />
    </Routes>,
    [viewerMock(null), ...(signedIn ? [viewerMock({}, 2)] : []), ...mocks] as never,
    { route },
  );
}

type User = ReturnType<typeof setup>['user'];
async function signIn(user: User, password: string, email = EMAIL) {
  await user.click(await screen.findByRole('textbox', { name: /Email/ }));
  await user.paste(email);
  await user.click(screen.getByLabelText(/Password/));
  await user.paste(password);
  await user.keyboard('{Enter}');
}

describe('SignInPage', () => {
  it('says the credentials are wrong and stays on the page', async () => {
    const { user } = setup('/signin', [signInMock('wrong', [{ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' }])]);
    await signIn(user, 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right. Check both and try again.');
    expect(screen.queryByTestId('location')).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Password/)).toHaveValue('wrong');
  });

  it('says to wait when the attempts are rate-limited', async () => {
    const { user } = setup('/signin', [
      signInMock('portal-demo-2026', [{ code: 'RATE_LIMITED', message: 'Too many attempts; try again in 15 minutes' }]),
    ]);
    await signIn(user, 'portal-demo-2026');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Wait a minute, then try again.');
    expect(screen.queryByTestId('location')).not.toBeInTheDocument();
  });

  it('checks the email address before asking the server', async () => {
    const calls = vi.fn();
    const { user } = setup('/signin', [signInMock('secret', [], calls)]);
    await signIn(user, 'secret', 'alice');
    expect(await screen.findByText('Enter an email address such as name@company.com.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Email/ })).toHaveAttribute('aria-invalid', 'true');
    expect(calls).not.toHaveBeenCalled();
  });

  it('goes back to where the person was going', async () => {
    const { user } = setup(`/signin?next=${encodeURIComponent('/people?company=cmp_1')}`, [signInMock('portal-demo-2026')], true);
    await signIn(user, 'portal-demo-2026');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/people?company=cmp_1'));
  });

  it.each(['//evil.example/phish', 'https://evil.example/'])('does not follow next=%s off the site', async (next) => {
    const { user } = setup(`/signin?next=${encodeURIComponent(next)}`, [signInMock('portal-demo-2026')], true);
    await signIn(user, 'portal-demo-2026');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/'));
  });

  it('confirms a sign-out', async () => {
    setup('/signin?signedOut=1', []);
    expect(await screen.findByRole('status')).toHaveTextContent('You are signed out.');
  });

  it('confirms a sign-out everywhere', async () => {
    setup('/signin?signedOut=everywhere', []);
    expect(await screen.findByRole('status')).toHaveTextContent('You are signed out on every device.');
  });

  it('offers a way back in for a forgotten password, after the sign-in button', async () => {
    setup('/signin', []);
    const link = await screen.findByRole('link', { name: 'Forgot password?' });
    expect(link).toHaveAttribute('href', '/password-reset');
    expect(screen.getByRole('button', { name: 'Sign in' }).compareDocumentPosition(link)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
  });
});
