import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { Layout } from '../app/Layout';
import { NotificationSettingsQuery } from '../features/profile/NotificationSettings';
import { SetNotificationLevelMutation } from '../features/profile/useSetNotificationLevel';
import { UpdateViewerMutation } from '../features/profile/useUpdateViewer';
import { sessionListMock, twoFactorSettingsMock, userErrors, viewerMock, type UserErrorInput } from '../test/mocks';
import { renderWithProviders } from '../test/render';
import ProfilePage from './ProfilePage';

type Level = 'ALL' | 'PARTICIPATING' | 'NONE';
type Input = { firstName?: string; lastName?: string; language?: string };

function settingsMock(level: Level, staffRole: string | null = null) {
  return {
    request: { query: NotificationSettingsQuery },
    result: { data: { viewer: { __typename: 'Account', id: 'acc_alice', staffRole, notificationLevel: level } } },
  };
}

/** setNotificationLevel({ level }) for the viewer: no accountId, the server's default. */
function levelMock(level: Level, calls = vi.fn(), errors: UserErrorInput[] = []) {
  return {
    request: { query: SetNotificationLevelMutation, variables: { input: { level } } },
    result: () => {
      calls(level);
      return {
        data: {
          setNotificationLevel: {
            __typename: 'AccountPayload',
            account: errors.length ? null : { __typename: 'Account', id: 'acc_alice', notificationLevel: level },
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

function updateMock(input: Input, calls = vi.fn(), errors: UserErrorInput[] = []) {
  return {
    request: { query: UpdateViewerMutation, variables: { input } },
    result: () => {
      calls(input);
      return {
        data: {
          updateViewer: {
            __typename: 'AccountPayload',
            account: errors.length
              ? null
              : { __typename: 'Account', id: 'acc_alice', firstName: 'Alice', lastName: 'Novak', language: 'en', ...input },
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

/** The page inside the signed-in frame, as the app routes it. */
function setup(mocks: object[], { route = '/profile', staffRole = null as string | null } = {}) {
  return renderWithProviders(
    <Routes>
      <Route element={<Layout />}>
        <Route path="/profile" element={<ProfilePage />} />
      </Route>
    </Routes>,
    [viewerMock({ language: 'en', staffRole }, 5), sessionListMock(), twoFactorSettingsMock(), ...mocks] as never,
    { route },
  );
}

const section = () => screen.getByRole('region', { name: 'Email notifications' });

describe('ProfilePage: email notifications', () => {
  it('explains the three levels in plain words and saves the chosen one', async () => {
    const calls = vi.fn();
    const { user } = setup([settingsMock('ALL'), levelMock('PARTICIPATING', calls)]);
    const all = await screen.findByRole('radio', { name: 'Every ticket of my company' });
    expect(all).toBeChecked();
    const participating = screen.getByRole('radio', {
      name: 'Only tickets I take part in — I raised it, it’s assigned to me, or I replied',
    });
    expect(screen.getByRole('radio', { name: 'No emails' })).not.toBeChecked();
    const save = within(section()).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled(); // nothing changed yet

    await user.click(participating);
    expect(save).toBeEnabled();
    await user.click(save);
    expect(await screen.findByText('Email settings saved.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledExactlyOnceWith('PARTICIPATING');
    expect(participating).toBeChecked();
    await waitFor(() => expect(save).toBeDisabled());
  });

  it('words ALL as every ticket for staff', async () => {
    setup([settingsMock('PARTICIPATING', 'AGENT')], { staffRole: 'AGENT' });
    expect(await screen.findByRole('radio', { name: 'Every ticket' })).not.toBeChecked();
    expect(screen.getByRole('radio', { name: /^Only tickets I take part in/ })).toBeChecked();
    expect(screen.queryByRole('radio', { name: 'Every ticket of my company' })).not.toBeInTheDocument();
  });

  it("shows the server's refusal and keeps the choice", async () => {
    const { user } = setup([settingsMock('ALL'), levelMock('NONE', vi.fn(), [{ code: 'FORBIDDEN' }])]);
    await user.click(await screen.findByRole('radio', { name: 'No emails' }));
    await user.click(within(section()).getByRole('button', { name: 'Save' }));
    expect(await within(section()).findByRole('alert')).toHaveTextContent('You may not do that.');
    expect(screen.getByRole('radio', { name: 'No emails' })).toBeChecked();
    expect(screen.queryByText('Email settings saved.')).not.toBeInTheDocument();
  });

  it('is the #notifications the emails link to, and takes the focus there', async () => {
    setup([settingsMock('ALL')], { route: '/profile#notifications' });
    await screen.findByRole('radio', { name: 'Every ticket of my company' });
    expect(document.getElementById('notifications')).toBe(section());
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Email notifications' })).toHaveFocus());
  });
});

describe('ProfilePage: names and language', () => {
  it('changes the own name, with the server’s field errors on the field', async () => {
    const calls = vi.fn();
    const { user } = setup([
      settingsMock('ALL'),
      updateMock({ firstName: 'Alicia', lastName: 'Novak', language: 'en' }, vi.fn(), [
        { code: 'INVALID_INPUT', message: 'firstName is reserved', field: ['input', 'firstName'] },
      ]),
      updateMock({ firstName: 'Alicia', lastName: 'Nováková', language: 'en' }, calls),
    ]);
    const form = await screen.findByRole('region', { name: 'Name and language' });
    // the field switches the portal as well as the emails, and says so
    expect(within(form).getByRole('combobox', { name: 'Language of the portal and your emails' })).toBeInTheDocument();
    const first = within(form).getByRole('textbox', { name: /First name/ });
    const last = within(form).getByRole('textbox', { name: /Last name/ });

    await user.clear(first);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('This cannot be empty.')).toBeInTheDocument();
    expect(first).toHaveAttribute('aria-invalid', 'true');

    await user.type(first, 'Alicia');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('firstName is reserved')).toBeInTheDocument();
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(last).not.toHaveAttribute('aria-invalid', 'true');

    await user.clear(last);
    await user.type(last, 'Nováková');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Profile saved.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Signed in as Alicia Nováková')).toBeInTheDocument();
  });
});
