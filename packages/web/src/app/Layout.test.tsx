import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    await user.click(await within(screen.getByRole('banner')).findByRole('link', { name: 'Signed in as Alice Novak' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/profile');
  });
});

const LONG_FIRST = 'Maximiliana Konstantina Friederike Adelheid Theodora Wilhelmina Gracia'.padEnd(79, 'x');
const LONG_LAST = 'Lee-Montgomery-Fitzgerald-Hohenzollern-Sigmaringen-Vandenberghe-Oppenheimer'.padEnd(80, 'y');

/** window.matchMedia answering `narrow` for the max-width queries (phones), false for the rest. */
function screenWidth(narrow: boolean) {
  vi.mocked(window.matchMedia).mockImplementation(
    (query: string) =>
      ({
        matches: narrow && query.includes('max-width'),
        media: query,
        onchange: null,
        addListener: vi.fn(),
        removeListener: vi.fn(),
        addEventListener: vi.fn(),
        removeEventListener: vi.fn(),
        dispatchEvent: vi.fn(),
      }) as unknown as MediaQueryList,
  );
}

describe('the header', () => {
  afterEach(() => screenWidth(false));

  it('cuts a long name short in one line and shows all of it on focus', async () => {
    const { user } = renderWithProviders(<Layout />, [viewerMock({ firstName: LONG_FIRST, lastName: LONG_LAST })]);
    const full = `Signed in as ${LONG_FIRST} ${LONG_LAST}`;
    const name = await within(screen.getByRole('banner')).findByRole('link', { name: full });
    expect(name).toHaveAttribute('data-truncate', 'end');
    expect(name).toHaveStyle({ display: 'block' });
    await user.tab(); // the skip link
    await user.tab();
    expect(name).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(full);
    // the controls beside it are all there (the e2e measures that they stay in the 56 px row)
    const banner = within(screen.getByRole('banner'));
    expect(banner.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
    expect(banner.getByRole('combobox', { name: 'Language' })).toBeInTheDocument();
  });

  it('names the navigation landmark in the portal’s language', async () => {
    renderWithProviders(<Layout />, [viewerMock({ language: 'sk' })]);
    expect(await screen.findByRole('button', { name: 'Odhlásiť sa' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Hlavná navigácia' })).toBeInTheDocument();
  });

  it('on a phone, keeps only a menu button that holds navigation, language and Sign out', async () => {
    screenWidth(true);
    const { user } = renderWithProviders(<Layout />, [viewerMock({ language: 'en' })]);
    const banner = within(screen.getByRole('banner'));
    const menu = await banner.findByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    expect(banner.queryByRole('button', { name: 'Sign out' })).not.toBeInTheDocument();
    expect(banner.queryByRole('combobox', { name: 'Language' })).not.toBeInTheDocument();
    // closed, the off-screen menu is out of the Tab order
    const nav = document.getElementById('main-navigation')!;
    expect(nav).toHaveAttribute('inert');
    await user.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(nav).not.toHaveAttribute('inert');
    const menuContent = within(screen.getByRole('navigation', { name: 'Main' }));
    expect(await menuContent.findByText('Signed in as Alice Novak')).toBeInTheDocument();
    expect(menuContent.getByRole('link', { name: 'Tickets' })).toBeInTheDocument();
    expect(menuContent.getByRole('combobox', { name: 'Language' })).toBeInTheDocument();
    expect(menuContent.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });
});
