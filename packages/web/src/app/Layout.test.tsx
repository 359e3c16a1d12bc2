import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ViewerLanguageSwitcher } from '../features/profile/ViewerLanguageSwitcher';
import { UpdateViewerMutation } from '../features/profile/useUpdateViewer';
import { userErrors, viewerMock, type UserErrorInput } from '../test/mocks';
import { LocationProbe, renderWithProviders } from '../test/render';
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

  it('links to the profile page from the header', async () => {
    const { user } = renderWithProviders(
      <>
        <Layout />
        <LocationProbe />
      </>,
      [viewerMock({ language: 'en' })],
    );
    await screen.findByText('Signed in as Alice Novak');
    await user.click(within(screen.getByRole('banner')).getByRole('link', { name: 'Profile' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/profile');
  });
});
