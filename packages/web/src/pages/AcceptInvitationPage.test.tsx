import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AcceptInvitationPreviewQuery } from '../features/invitations/AcceptInvitation';
import { renderWithProviders } from '../test/render';
import AcceptInvitationPage from './AcceptInvitationPage';

const TOKEN = 'tok_lang';

function preview(language: string) {
  return {
    request: { query: AcceptInvitationPreviewQuery, variables: { token: TOKEN } },
    result: {
      data: {
        invitationPreview: {
          __typename: 'InvitationPreview',
          companyName: 'Northwind Retail',
          role: 'MEMBER',
          inviterName: 'Alice Novak',
          email: 'bob@example.com',
          firstName: 'Bob',
          lastName: 'Builder',
          language,
          status: 'PENDING',
          expiresAt: '2030-01-01T10:00:00.000Z',
          existingAccount: false,
        },
      },
    },
  };
}

// the test providers start in English, as a browser set to English would
const open = (language: string) =>
  renderWithProviders(<AcceptInvitationPage />, [preview(language)], { route: `/invitations/accept?token=${TOKEN}` });

describe('AcceptInvitationPage', () => {
  it('speaks the language of a German invitation in an English browser', async () => {
    open('de');
    expect(await screen.findByRole('heading', { name: 'Northwind Retail beitreten' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Annehmen und anmelden' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('de');
  });

  it('speaks Slovak for a Slovak invitation, and a regional tag counts as its language', async () => {
    open('sk-SK');
    expect(await screen.findByRole('heading', { name: 'Pripojiť sa k Northwind Retail' })).toBeInTheDocument();
  });

  it('keeps the language the person switches to on the page', async () => {
    const { user } = open('de');
    await screen.findByRole('heading', { name: 'Northwind Retail beitreten' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sprache' }), 'en');
    expect(await screen.findByRole('heading', { name: 'Join Northwind Retail' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept and sign in' })).toBeInTheDocument();
  });

  it('stays in the browser language for an invitation in a language the portal does not have', async () => {
    open('fr');
    expect(await screen.findByRole('heading', { name: 'Join Northwind Retail' })).toBeInTheDocument();
  });
});
