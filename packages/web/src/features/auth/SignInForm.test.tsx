import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userErrors } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { SignInForm, SignInMutation } from './SignInForm';

const EMAIL = 'lena.wagner@northwind.demo';

const refused = (code: string, password: string) => ({
  request: { query: SignInMutation, variables: { email: EMAIL, password } },
  result: {
    data: {
      signIn: {
        __typename: 'SignInPayload',
        account: null,
        secondFactor: null,
        userErrors: userErrors([{ code, message: `server: ${code}` }]),
      },
    },
  },
});

async function signIn(password: string, mocks: object[]) {
  const { user } = renderWithProviders(<SignInForm onSignedIn={() => undefined} />, mocks as never);
  await user.click(screen.getByRole('textbox', { name: /Email/ }));
  await user.paste(EMAIL);
  await user.click(screen.getByLabelText(/Password/));
  await user.paste(password);
  await user.keyboard('{Enter}');
}

describe('SignInForm: a disabled account (issue 17, bug 8)', () => {
  it('says the account is disabled when the server answers ACCOUNT_DISABLED (the right password)', async () => {
    await signIn('the right password', [refused('ACCOUNT_DISABLED', 'the right password')]);
    expect(await screen.findByRole('alert')).toHaveTextContent('This account is disabled. Ask your administrator to enable it again.');
  });

  it('says only "not right" for INVALID_CREDENTIALS, as for any wrong password', async () => {
    await signIn('a wrong password', [refused('INVALID_CREDENTIALS', 'a wrong password')]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The email or password is not right.');
    expect(alert).not.toHaveTextContent(/disabled/);
  });
});
