import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { twoFactorSettingsMock, userErrors, type UserErrorInput } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { BeginEnrollmentMutation, ConfirmEnrollmentMutation } from './TwoFactorEnrollment';
import { DisableTwoFactorMutation, TwoFactorSettings } from './TwoFactorSettings';

const SECRET = 'JBSWY3DPEHPK3PXP';
const RECOVERY = Array.from({ length: 10 }, (_, i) => `abcd${i}-fghj${i}`);

const beginMock = {
  request: { query: BeginEnrollmentMutation, variables: { challenge: null } },
  result: {
    data: {
      beginTwoFactorEnrollment: {
        __typename: 'TwoFactorEnrollmentPayload',
        enrollment: { __typename: 'TwoFactorEnrollment', secret: SECRET, otpauthUri: `otpauth://totp/Clientele:alice?secret=${SECRET}` },
        userErrors: [],
      },
    },
  },
};

function confirmMock(code: string, errors: UserErrorInput[] = []) {
  return {
    request: { query: ConfirmEnrollmentMutation, variables: { code, challenge: null } },
    result: {
      data: {
        confirmTwoFactorEnrollment: {
          __typename: 'TwoFactorConfirmationPayload',
          recoveryCodes: errors.length ? null : RECOVERY,
          token: null,
          account: errors.length ? null : { __typename: 'Account', id: 'acc_alice', twoFactorEnabled: true },
          userErrors: userErrors(errors),
        },
      },
    },
  };
}

function disableMock(password: string, errors: UserErrorInput[] = [], calls = vi.fn()) {
  return {
    request: { query: DisableTwoFactorMutation, variables: { password } },
    result: () => {
      calls(password);
      return { data: { disableTwoFactor: { __typename: 'OkPayload', ok: errors.length === 0, userErrors: userErrors(errors) } } };
    },
  };
}

const setup = (enabled: boolean, mocks: object[]) =>
  renderWithProviders(<TwoFactorSettings />, [twoFactorSettingsMock(enabled), ...mocks] as never);
type User = ReturnType<typeof setup>['user'];

async function typeInto(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

describe('TwoFactorSettings', () => {
  it('sets two-step sign-in up: QR code and key, the first code, the recovery codes once, then on', async () => {
    const { user } = setup(false, [beginMock, confirmMock('111111', [{ code: 'INVALID_CODE', field: ['code'] }]), confirmMock('222222')]);
    expect(await screen.findByText(/^Off: your password alone signs you in/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Set up' }));
    expect(await screen.findByRole('img', { name: 'QR code to add this account to an authenticator app' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Set up two-step sign-in' })).toHaveFocus();
    expect(screen.getByTestId('totp-secret')).toHaveTextContent('JBSW Y3DP EHPK 3PXP');
    expect(screen.queryByText(/Your company requires/)).not.toBeInTheDocument();
    const code = screen.getByRole('textbox', { name: /code the app now shows/ });

    await typeInto(user, code, '111111');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This code is not right, or it was used already.');

    await user.clear(code);
    await user.paste('222222');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    const list = await screen.findByRole('list', { name: 'Save your recovery codes' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    await user.click(screen.getByRole('checkbox', { name: 'I have saved my recovery codes' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('You sign in with your password and a code from your authenticator app.')).toBeInTheDocument();
    expect(screen.queryByText(RECOVERY[0])).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Turn off' })).toBeInTheDocument();
  });

  it('turns it off with the password, and says so when the password is wrong', async () => {
    const calls = vi.fn();
    const { user } = setup(true, [
      disableMock('wrong', [{ code: 'INVALID_CREDENTIALS', field: ['password'] }], calls),
      disableMock('portal-demo-2026', [], calls),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Turn off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off two-step sign-in?' });
    const password = within(dialog).getByLabelText(/^Password/);
    await waitFor(() => expect(password).toHaveFocus());
    await user.paste('wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This is not your password.');
    expect(password).toHaveAttribute('aria-invalid', 'true');

    await user.clear(password);
    await user.paste('portal-demo-2026');
    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText('Two-step sign-in is off.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Set up' })).toBeInTheDocument();
    expect(calls.mock.calls).toEqual([['wrong'], ['portal-demo-2026']]);
  });

  it('explains that a policy keeps it on', async () => {
    const { user } = setup(true, [disableMock('portal-demo-2026', [{ code: 'FORBIDDEN', message: 'Required by policy' }])]);
    await user.click(await screen.findByRole('button', { name: 'Turn off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off two-step sign-in?' });
    await typeInto(user, within(dialog).getByLabelText(/^Password/), 'portal-demo-2026');
    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Two-step sign-in is required by your company or the provider, so it cannot be turned off.',
    );
  });
});
