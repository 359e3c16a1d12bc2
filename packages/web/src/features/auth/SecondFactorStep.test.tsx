import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import PasswordResetPage from '../../pages/PasswordResetPage';
import { SignInPage } from '../../pages/SignInPage';
import { userErrors, viewerMock, type UserErrorInput } from '../../test/mocks';
import { LocationProbe, renderWithProviders } from '../../test/render';
import { BeginEnrollmentMutation, ConfirmEnrollmentMutation } from '../security/TwoFactorEnrollment';
import { ResetPasswordMutation } from '../security/ResetPasswordForm';
import { CompleteSignInMutation } from './SecondFactorStep';
import { SignInMutation } from './SignInForm';

const EMAIL = 'alice@example.com';
const PASSWORD = 'portal-demo-2026';
const CHALLENGE = 'chl_1';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const RECOVERY = Array.from({ length: 10 }, (_, i) => `abcd${i}-fghj${i}`);

const challenge = (enrollmentRequired = false) => ({
  __typename: 'SecondFactorChallenge' as const,
  challenge: CHALLENGE,
  enrollmentRequired,
});

function signInMock(enrollmentRequired = false) {
  return {
    request: { query: SignInMutation, variables: { email: EMAIL, password: PASSWORD } },
    result: {
      data: {
        signIn: { __typename: 'SignInPayload', account: null, secondFactor: challenge(enrollmentRequired), userErrors: [] },
      },
    },
  };
}

function completeMock(code: string, errors: UserErrorInput[] = [], calls = vi.fn()) {
  return {
    request: { query: CompleteSignInMutation, variables: { challenge: CHALLENGE, code } },
    result: () => {
      calls(code);
      return {
        data: {
          completeSignIn: {
            __typename: 'SignInPayload',
            token: errors.length ? null : 'tok_1',
            account: errors.length ? null : { __typename: 'Account', id: 'acc_alice' },
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

const beginMock = (challengeValue: string | null) => ({
  request: { query: BeginEnrollmentMutation, variables: { challenge: challengeValue } },
  result: {
    data: {
      beginTwoFactorEnrollment: {
        __typename: 'TwoFactorEnrollmentPayload',
        enrollment: {
          __typename: 'TwoFactorEnrollment',
          secret: SECRET,
          otpauthUri: `otpauth://totp/Clientele:${EMAIL}?secret=${SECRET}&issuer=Clientele`,
        },
        userErrors: [],
      },
    },
  },
});

const confirmMock = (code: string, challengeValue: string | null, errors: UserErrorInput[] = []) => ({
  request: { query: ConfirmEnrollmentMutation, variables: { code, challenge: challengeValue } },
  result: {
    data: {
      confirmTwoFactorEnrollment: {
        __typename: 'TwoFactorConfirmationPayload',
        recoveryCodes: errors.length ? null : RECOVERY,
        token: errors.length || !challengeValue ? null : 'tok_1',
        account: errors.length ? null : { __typename: 'Account', id: 'acc_alice', twoFactorEnabled: true },
        userErrors: userErrors(errors),
      },
    },
  },
});

/** Signed out at first; after the second step the store is reset and the viewer read again. */
function setup(mocks: object[], route = '/signin?next=%2Ftickets') {
  return renderWithProviders(
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/password-reset" element={<PasswordResetPage />} />
      <Route path="*" element={<LocationProbe />} />
    </Routes>,
    [viewerMock(null), viewerMock({}, 2), ...mocks] as never,
    { route },
  );
}

type User = ReturnType<typeof setup>['user'];
async function signIn(user: User) {
  await user.click(await screen.findByRole('textbox', { name: /Email/ }));
  await user.paste(EMAIL);
  await user.click(screen.getByLabelText(/Password/));
  await user.paste(PASSWORD);
  await user.keyboard('{Enter}');
}

async function typeInto(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

describe('SignInPage: the second step', () => {
  it('asks for the code from the app and then signs in as a password alone would', async () => {
    const calls = vi.fn();
    const { user } = setup([signInMock(), completeMock('123456', [], calls)]);
    await signIn(user);
    const code = await screen.findByRole('textbox', { name: /Authentication code/ });
    expect(screen.getByRole('heading', { name: 'Two-step sign-in' })).toBeInTheDocument();
    expect(screen.getByText('Enter the 6-digit code from your authenticator app.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Forgot password?' })).not.toBeInTheDocument();
    await waitFor(() => expect(code).toHaveFocus());
    await user.paste('123 456');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/tickets'));
    expect(calls).toHaveBeenCalledExactlyOnceWith('123456');
  });

  it('takes a recovery code instead', async () => {
    const calls = vi.fn();
    const { user } = setup([signInMock(), completeMock('abcde-fghjk', [], calls)]);
    await signIn(user);
    await screen.findByRole('textbox', { name: /Authentication code/ });
    await user.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    const field = screen.getByRole('textbox', { name: /Recovery code/ });
    expect(field).toHaveFocus();
    await user.paste('ABCDE-FGHJK');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/tickets'));
    expect(calls).toHaveBeenCalledExactlyOnceWith('abcde-fghjk');
  });

  it('says so on the field when the code is wrong, and checks the format first', async () => {
    const calls = vi.fn();
    const { user } = setup([signInMock(), completeMock('000000', [{ code: 'INVALID_CODE', field: ['code'] }], calls)]);
    await signIn(user);
    const code = await screen.findByRole('textbox', { name: /Authentication code/ });
    await typeInto(user, code, '12a');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter the 6 digits your authenticator app shows.');
    expect(calls).not.toHaveBeenCalled();
    await user.clear(code);
    await user.paste('000000');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This code is not right, or it was used already.'));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('location')).not.toBeInTheDocument();
  });

  it('goes back to the password when the challenge has expired', async () => {
    const { user } = setup([signInMock(), completeMock('123456', [{ code: 'TOKEN_EXPIRED', field: ['challenge'] }])]);
    await signIn(user);
    await typeInto(user, await screen.findByRole('textbox', { name: /Authentication code/ }), '123456');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('The sign-in took too long or was already completed.');
    expect(screen.getByRole('textbox', { name: /Email/ })).toHaveValue(EMAIL);
    expect(screen.getByLabelText(/Password/)).toHaveValue('');
    expect(screen.queryByRole('textbox', { name: /Authentication code/ })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toBeInTheDocument();
  });

  it('makes the person enrol when the company requires it, shows the recovery codes once, then signs in', async () => {
    const { user } = setup([signInMock(true), beginMock(CHALLENGE), confirmMock('654321', CHALLENGE)]);
    await signIn(user);
    const heading = await screen.findByRole('heading', { name: 'Set up two-step sign-in' });
    expect(screen.getByText(/Your company requires two-step sign-in/)).toBeInTheDocument();
    const qr = await screen.findByRole('img', { name: 'QR code to add this account to an authenticator app' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(heading).toHaveFocus();
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    await typeInto(user, screen.getByRole('textbox', { name: /code the app now shows/ }), '654321');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));

    const codesHeading = await screen.findByRole('heading', { name: 'Save your recovery codes' });
    expect(codesHeading).toHaveFocus();
    const list = screen.getByRole('list', { name: 'Save your recovery codes' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(RECOVERY);
    expect(screen.getByRole('button', { name: 'Copy codes' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download as .txt' })).toBeInTheDocument();
    const next = screen.getByRole('button', { name: 'Continue' });
    expect(next).toBeDisabled();
    expect(screen.queryByTestId('location')).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'I have saved my recovery codes' }));
    await user.click(next);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/tickets'));
  });

  it('continues a password reset with the second step instead of signing in at once', async () => {
    const NEW = 'four unrelated words here';
    const { user } = setup(
      [
        {
          request: { query: ResetPasswordMutation, variables: { token: 'rst_1', password: NEW } },
          result: {
            data: { resetPassword: { __typename: 'SignInPayload', account: null, secondFactor: challenge(), userErrors: [] } },
          },
        },
        completeMock('123456'),
      ],
      '/password-reset?token=rst_1',
    );
    await typeInto(user, screen.getByLabelText(/^New password/), NEW);
    await typeInto(user, screen.getByLabelText(/^Repeat the new password/), NEW);
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Your new password is set.');
    await typeInto(user, await screen.findByRole('textbox', { name: /Authentication code/ }), '123456');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/'));
  });
});
