import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { InvitationListQueryDocument, InvitationListRevokeMutationDocument, type RevokeInvitationOutcome } from '../../gql/graphql';
import { renderWithProviders } from '../../test/render';
import { InvitationList } from './InvitationList';

const COMPANY = { id: 'cmp_nw', name: 'Northwind Holding' };
const EMAIL = 'clara.hofer@northwind.demo';

/** The company's invitations as the list query answers them. */
const invitationsResult = (invitations: Record<string, unknown>) => ({
  data: { company: { __typename: 'Company', id: COMPANY.id, invitations: { __typename: 'InvitationConnection', ...invitations } } },
});

function listMock(status: 'PENDING' | 'ACCEPTED' | 'REVOKED', uses = 1) {
  return {
    request: { query: InvitationListQueryDocument, variables: { companyId: COMPANY.id } },
    maxUsageCount: uses,
    result: invitationsResult({
      totalCount: 1,
      edges: [
        {
          __typename: 'InvitationEdge',
          node: {
            __typename: 'Invitation',
            id: 'inv_1',
            email: EMAIL,
            firstName: 'Clara',
            lastName: 'Hofer',
            role: 'MEMBER',
            status,
            expiresAt: '2026-01-10T09:00:00.000Z',
            invitedBy: null,
          },
        },
      ],
    }),
  };
}

const revokeMock = (revokeOutcome: RevokeInvitationOutcome) => ({
  request: { query: InvitationListRevokeMutationDocument, variables: { id: 'inv_1' } },
  result: {
    data: {
      revokeInvitation: {
        __typename: 'InvitationPayload',
        invitation: { __typename: 'Invitation', id: 'inv_1', status: 'REVOKED' },
        revokeOutcome,
        userErrors: [],
      },
    },
  },
});

/** Revokes the one invitation, confirming in the page's dialog; returns what the dialog asked. */
async function revoke(status: 'PENDING' | 'ACCEPTED', outcome: RevokeInvitationOutcome) {
  const { user } = renderWithProviders(<InvitationList company={COMPANY} canManage />, [
    listMock(status),
    revokeMock(outcome),
    listMock('REVOKED', 5),
  ] as never);
  await user.click(await screen.findByRole('button', { name: `Revoke: ${EMAIL}` }));
  const dialog = await screen.findByRole('dialog');
  const asked = dialog.textContent;
  await user.click(within(dialog).getByRole('button', { name: status === 'ACCEPTED' ? 'Revoke' : /Withdraw/ }));
  return { asked };
}

describe('InvitationList: revoking says what happened (issue 17, bug 3)', () => {
  it('a pending invitation: asks to withdraw it, then says it was withdrawn', async () => {
    const { asked } = await revoke('PENDING', 'WITHDRAWN');
    expect(asked).toContain(`Withdraw the invitation for ${EMAIL}? Its link stops working.`);
    expect(await screen.findByText(`The invitation for ${EMAIL} was withdrawn; its link no longer works.`)).toBeInTheDocument();
  });

  it('an accepted invitation: warns that the membership goes too, then says it was removed', async () => {
    const { asked } = await revoke('ACCEPTED', 'MEMBERSHIP_REMOVED');
    expect(asked).toContain('The membership it created is removed too.');
    expect(
      await screen.findByText(`The invitation for ${EMAIL} was revoked, and the membership it created was removed.`),
    ).toBeInTheDocument();
  });

  it('an accepted invitation whose membership was already removed: says there was nothing to remove', async () => {
    await revoke('ACCEPTED', 'NO_MEMBERSHIP');
    expect(await screen.findByText(/There was no membership to remove/)).toBeInTheDocument();
  });

  it('a membership the invitation did not create stays: says so, and where to remove it', async () => {
    await revoke('ACCEPTED', 'MEMBERSHIP_KEPT');
    const message = await screen.findByText(new RegExp(`${EMAIL.replace(/\./g, '\\.')} is still a member`));
    expect(message).toHaveTextContent('Remove it under Members if they should lose access.');
  });
});

describe('InvitationList: count and empty state (issue 17)', () => {
  it('counts the invitations', async () => {
    renderWithProviders(<InvitationList company={COMPANY} canManage />, [listMock('PENDING')] as never);
    expect(await screen.findByText('1 invitation')).toBeInTheDocument();
  });

  it('says there are none (it has no filters to clear)', async () => {
    renderWithProviders(<InvitationList company={COMPANY} canManage />, [
      {
        request: { query: InvitationListQueryDocument, variables: { companyId: COMPANY.id } },
        result: {
          data: {
            company: {
              __typename: 'Company',
              id: COMPANY.id,
              invitations: { __typename: 'InvitationConnection', totalCount: 0, edges: [] },
            },
          },
        },
      },
    ] as never);
    expect(await screen.findByText('No invitations.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });
});

describe('InvitationList: more than a page', () => {
  const invitation = (n: number) => ({
    __typename: 'InvitationEdge',
    node: {
      __typename: 'Invitation',
      id: `inv_${n}`,
      email: `person${n}@example.test`,
      firstName: 'Person',
      lastName: String(n),
      role: 'MEMBER',
      status: 'PENDING',
      expiresAt: '2026-01-10T09:00:00.000Z',
      invitedBy: null,
    },
  });
  const page = (after: string | undefined, numbers: number[], hasNextPage: boolean) => ({
    request: { query: InvitationListQueryDocument, variables: { companyId: COMPANY.id, ...(after ? { after } : {}) } },
    result: invitationsResult({
      totalCount: 3,
      pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: `cursor_${numbers.at(-1)}` },
      edges: numbers.map(invitation),
    }),
  });

  it('"Load more" appends the older invitations, and the count says how many are shown', async () => {
    const { user } = renderWithProviders(<InvitationList company={COMPANY} canManage />, [
      page(undefined, [3, 2], true),
      page('cursor_2', [1], false),
    ] as never);
    expect(await screen.findByText('person3@example.test')).toBeInTheDocument();
    expect(screen.queryByText('person1@example.test')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('person1@example.test')).toBeInTheDocument();
    expect(screen.getByText('person3@example.test')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });
});
