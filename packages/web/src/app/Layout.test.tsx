import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ViewerLanguageSwitcher } from '../features/profile/ViewerLanguageSwitcher';
import { UpdateViewerMutation } from '../features/profile/useUpdateViewer';
import { userErrors, viewerMock, type UserErrorInput } from '../test/mocks';
import { renderWithProviders } from '../test/render';
import { Layout } from './Layout';

type Input = { firstName?: string; lastName?: string; language?: string };

/** updateViewer(input) answering with the account changed (or the userErrors); `calls` sees each request. */
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

const language = () => screen.getByRole('combobox', { name: /Language|Sprache|Jazyk/ });

describe('language and profile', () => {
  it('follows the signed-in account’s language', async () => {
    renderWithProviders(<Layout />, [viewerMock({ language: 'sk' })]);
    expect(await screen.findByRole('button', { name: 'Odhlásiť sa' })).toBeInTheDocument();
    expect(language()).toHaveValue('sk');
  });

  it('saves the language chosen while signed in to the account', async () => {
    const calls = vi.fn();
    const { user } = renderWithProviders(<Layout />, [viewerMock({ language: 'en' }), updateMock({ language: 'de' }, calls)]);
    await screen.findByText('Signed in as Alice Novak');
    await user.selectOptions(language(), 'de');
    expect(await screen.findByRole('button', { name: 'Abmelden' })).toBeInTheDocument();
    await waitFor(() => expect(calls).toHaveBeenCalledWith({ language: 'de' }));
    expect(calls).toHaveBeenCalledTimes(1);
  });

  it('says so when the server does not save the language, and keeps it for this browser', async () => {
    const { user } = renderWithProviders(<Layout />, [
      viewerMock({ language: 'en' }),
      updateMock({ language: 'de' }, vi.fn(), [{ code: 'RATE_LIMITED' }]),
    ]);
    await screen.findByText('Signed in as Alice Novak');
    await user.selectOptions(language(), 'de');
    expect(await screen.findByText(/Die Sprache wurde nicht in Ihrem Konto gespeichert: Zu viele Anfragen/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Abmelden' })).toBeInTheDocument();
  });

  it('only switches locally when signed out', async () => {
    const calls = vi.fn();
    const { user } = renderWithProviders(<ViewerLanguageSwitcher />, [viewerMock(null), updateMock({ language: 'de' }, calls)]);
    await waitFor(() => expect(language()).toHaveValue('en'));
    await user.selectOptions(language(), 'de');
    expect(await screen.findByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).not.toHaveBeenCalled();
  });

  it('changes the own name in the profile, with the server’s field errors on the field', async () => {
    const calls = vi.fn();
    const { user } = renderWithProviders(<Layout />, [
      viewerMock({ language: 'en' }),
      updateMock({ firstName: 'Alicia', lastName: 'Novak', language: 'en' }, vi.fn(), [
        { code: 'INVALID_INPUT', message: 'firstName is reserved', field: ['input', 'firstName'] },
      ]),
      updateMock({ firstName: 'Alicia', lastName: 'Nováková', language: 'en' }, calls),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Profile' }));
    const dialog = await screen.findByRole('dialog', { name: 'Your profile' });
    const first = within(dialog).getByRole('textbox', { name: /First name/ });
    const last = within(dialog).getByRole('textbox', { name: /Last name/ });

    await user.clear(first);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('This cannot be empty.')).toBeInTheDocument();
    expect(first).toHaveAttribute('aria-invalid', 'true');

    await user.type(first, 'Alicia');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('firstName is reserved')).toBeInTheDocument();
    expect(first).toHaveAttribute('aria-invalid', 'true');
    expect(last).not.toHaveAttribute('aria-invalid', 'true');

    await user.clear(last);
    await user.type(last, 'Nováková');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Profile saved.')).toBeInTheDocument();
    expect(calls).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Signed in as Alicia Nováková')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
