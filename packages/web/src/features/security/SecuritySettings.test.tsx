import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { SAFARI_IPHONE, session, sessionListMock, twoFactorSettingsMock, userErrors, VIEWER, type UserErrorInput } from '../../test/mocks';
import { LocationProbe, renderWithProviders } from '../../test/render';
import { ChangePasswordMutation } from './ChangePasswordForm';
import { SecuritySettings } from './SecuritySettings';
import { RevokeSessionMutation, SignOutEverywhereMutation } from './SessionList';

const CURRENT = 'old password of alice';
const NEW = 'four unrelated words here';

const okPayload = (field: string, errors: UserErrorInput[] = []) => ({
  data: { [field]: { __typename: 'OkPayload', ok: errors.length === 0, userErrors: userErrors(errors) } },
});

function revokeMock(id: string, calls = vi.fn()) {
  return {
    request: { query: RevokeSessionMutation, variables: { id } },
    result: () => {
      calls(id);
      return okPayload('revokeSession');
    },
  };
}

function everywhereMock(calls = vi.fn()) {
  return {
    request: { query: SignOutEverywhereMutation },
    result: () => {
      calls();
      return okPayload('signOutEverywhere');
    },
  };
}

function changeMock(currentPassword: string, errors: UserErrorInput[] = [], calls = vi.fn()) {
  return {
    request: { query: ChangePasswordMutation, variables: { currentPassword, newPassword: NEW } },
    result: () => {
      calls(currentPassword);
      return okPayload('changePassword', errors);
    },
  };
}

const SESSIONS = [
  session('ses_other', { userAgent: SAFARI_IPHONE, clientAddress: '198.51.100.4' }),
  session('ses_this', { current: true }),
  session('ses_curl', { userAgent: 'curl/8.5.0', clientAddress: null }),
];

function setup(mocks: object[]) {
  return renderWithProviders(
    <Routes>
      <Route path="/profile" element={<SecuritySettings viewer={VIEWER} />} />
      <Route path="*" element={<LocationProbe />} />
    </Routes>,
    [sessionListMock(SESSIONS), twoFactorSettingsMock(), ...mocks] as never,
    { route: '/profile#security' },
  );
}

const sessionList = () => screen.getByRole('list', { name: 'Where you are signed in' });
const item = (name: string | RegExp) =>
  within(sessionList())
    .getAllByRole('listitem')
    .find((li) => within(li).queryByText(name))!;

describe('SecuritySettings: sessions', () => {
  it('lists the sessions in plain words, this device first and without its own sign-out', async () => {
    setup([]);
    await screen.findByText('Firefox on Windows');
    const items = within(sessionList()).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Firefox on Windows');
    expect(within(items[0]).getByText('This device')).toBeInTheDocument();
    expect(within(items[0]).queryByRole('button')).not.toBeInTheDocument();
    expect(items[0]).toHaveTextContent('Address: 203.0.113.7');

    expect(within(items[1]).getByText('Safari on iOS')).toHaveAttribute('title', SAFARI_IPHONE);
    expect(within(items[1]).queryByText('This device')).not.toBeInTheDocument();
    expect(within(items[1]).getByRole('button', { name: /^Sign out Safari on iOS, last active/ })).toBeInTheDocument();
    // not a browser we know: the user agent itself
    expect(within(items[2]).getByText('curl/8.5.0')).toBeInTheDocument();
    expect(items[2]).toHaveTextContent('Address: unknown');
    expect(screen.getByRole('heading', { name: 'Security' })).toHaveFocus(); // /profile#security
  });

  it('signs one session out and drops it from the list', async () => {
    const calls = vi.fn();
    const { user } = setup([revokeMock('ses_other', calls)]);
    await screen.findByText('Safari on iOS');
    await user.click(within(item('Safari on iOS')).getByRole('button', { name: /^Sign out/ }));
    expect(await screen.findByText('Safari on iOS was signed out.')).toBeInTheDocument();
    await waitFor(() => expect(within(sessionList()).getAllByRole('listitem')).toHaveLength(2));
    expect(within(sessionList()).queryByText('Safari on iOS')).not.toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith('ses_other');
  });

  it('signs out everywhere only after a confirmation, then goes to sign-in', async () => {
    const calls = vi.fn();
    const { user } = setup([everywhereMock(calls)]);
    await screen.findByText('Safari on iOS');
    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    let dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(calls).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Sign out everywhere' }));
    dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    expect(dialog).toHaveTextContent('this one included');
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/signin?signedOut=everywhere'));
    expect(calls).toHaveBeenCalledTimes(1);
  });
});

describe('SecuritySettings: change password', () => {
  type User = ReturnType<typeof setup>['user'];
  async function fill(user: User, label: RegExp, value: string) {
    await user.click(screen.getByLabelText(label));
    await user.paste(value);
  }
  const form = () => screen.getByRole('form', { name: 'Change password' });
  const submit = (user: User) => user.click(within(form()).getByRole('button', { name: 'Change password' }));

  it('changes the password and keeps only this device in the list', async () => {
    const calls = vi.fn();
    const { user } = setup([changeMock(CURRENT, [], calls)]);
    await screen.findByText('Safari on iOS');
    await fill(user, /^Current password/, CURRENT);
    await fill(user, /^New password/, NEW);
    await fill(user, /^Repeat the new password/, NEW);
    await submit(user);
    expect(await screen.findByText('Password changed. You were signed out on every other device.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith(CURRENT);
    expect(screen.getByLabelText(/^Current password/)).toHaveValue('');
    expect(screen.getByLabelText(/^New password/)).toHaveValue('');
    await waitFor(() => expect(within(sessionList()).getAllByRole('listitem')).toHaveLength(1));
    expect(within(sessionList()).getByText('This device')).toBeInTheDocument();
  });

  it('says so on the field when the current password is wrong', async () => {
    const { user } = setup([
      changeMock('not my password', [
        { code: 'INVALID_CREDENTIALS', message: 'The current password is not correct', field: ['currentPassword'] },
      ]),
    ]);
    await screen.findByText('Safari on iOS');
    await fill(user, /^Current password/, 'not my password');
    await fill(user, /^New password/, NEW);
    await fill(user, /^Repeat the new password/, NEW);
    await submit(user);
    expect(await within(form()).findByRole('alert')).toHaveTextContent('This is not your current password.');
    expect(screen.getByLabelText(/^Current password/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^New password/)).toHaveValue(NEW);
    expect(within(sessionList()).getAllByRole('listitem')).toHaveLength(3);
  });

  it('checks the new password before asking the server', async () => {
    const calls = vi.fn();
    const { user } = setup([changeMock(CURRENT, [], calls)]);
    await screen.findByText('Safari on iOS');
    await fill(user, /^Current password/, CURRENT);
    await fill(user, /^New password/, 'too short');
    await submit(user);
    expect(await within(form()).findByRole('alert')).toHaveTextContent('Use at least 12 characters.');
    expect(calls).not.toHaveBeenCalled();
  });
});
