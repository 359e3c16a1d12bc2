import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { userErrors, type UserErrorInput } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { EditMembershipDialog, UpdateMembershipMutation, type EditableMembership } from './EditMembershipDialog';

const MEMBERSHIP: EditableMembership = { id: 'mbr_1', name: 'Alice Novak', role: 'ADMINISTRATOR', capabilities: ['TICKETS'] };

function updateMock(input: Record<string, unknown>, errors: UserErrorInput[] = []) {
  return {
    request: { query: UpdateMembershipMutation, variables: { input: { id: MEMBERSHIP.id, ...input } } },
    result: {
      data: {
        updateMembership: {
          __typename: 'MembershipPayload',
          membership: errors.length ? null : { __typename: 'Membership', id: MEMBERSHIP.id, ...input },
          userErrors: userErrors(errors),
        },
      },
    },
  };
}

function setup(mocks: object[]) {
  const onClose = vi.fn();
  const view = renderWithProviders(
    <EditMembershipDialog membership={MEMBERSHIP} companyName="Northwind Retail" onClose={onClose} />,
    mocks as never,
  );
  return { ...view, onClose };
}

type User = ReturnType<typeof setup>['user'];
async function demoteToMember(user: User) {
  await user.click(screen.getByRole('combobox', { name: 'Role' }));
  await user.click(await screen.findByRole('option', { name: 'Member', hidden: true }));
}
const save = (user: User) => user.click(screen.getByRole('button', { name: 'Save' }));

describe('EditMembershipDialog', () => {
  it('explains the last-administrator refusal and what to do, and stays open', async () => {
    const { user, onClose } = setup([
      updateMock({ role: 'MEMBER', capabilities: ['TICKETS', 'KNOWLEDGE_BASE'] }, [
        { code: 'LAST_ADMINISTRATOR', message: 'A company needs at least one administrator', field: ['input', 'role'] },
      ]),
    ]);
    await demoteToMember(user);
    await save(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Northwind Retail needs at least one administrator. Make someone else administrator first, then try again.',
    );
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Role and capabilities of Alice Novak' })).toBeInTheDocument();
  });

  it('saves the role and capabilities, confirms, and closes', async () => {
    const { user, onClose } = setup([updateMock({ role: 'MEMBER', capabilities: ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE'] })]);
    await demoteToMember(user);
    await user.click(screen.getByRole('checkbox', { name: 'Solver' }));
    await save(user);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await screen.findByText('Role and capabilities saved.')).toBeInTheDocument();
  });

  it("preselects the new role's default capabilities, says so, and lets the admin adjust them", async () => {
    const member: EditableMembership = {
      id: MEMBERSHIP.id,
      name: 'Bob Builder',
      role: 'MEMBER',
      capabilities: ['TICKETS', 'KNOWLEDGE_BASE'],
    };
    const onClose = vi.fn();
    const { user } = renderWithProviders(<EditMembershipDialog membership={member} companyName="Northwind Retail" onClose={onClose} />, [
      updateMock({ role: 'MODERATOR', capabilities: ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE'] }),
    ] as never);
    await user.click(screen.getByRole('combobox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: 'Moderator', hidden: true }));
    expect(screen.getByRole('status')).toHaveTextContent('The usual capabilities of a Moderator are now ticked');
    for (const name of ['Tickets', 'Solver', 'Knowledge base', 'Overview']) expect(screen.getByRole('checkbox', { name })).toBeChecked();
    for (const name of ['Billing', 'Invoices']) expect(screen.getByRole('checkbox', { name })).not.toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'Overview' })); // the admin adjusts
    await save(user);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('keeps the previous capabilities on request', async () => {
    const { user, onClose } = setup([updateMock({ role: 'MEMBER', capabilities: ['TICKETS'] })]);
    await demoteToMember(user);
    expect(screen.getByRole('checkbox', { name: 'Knowledge base' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Keep the previous capabilities' }));
    expect(screen.getByRole('checkbox', { name: 'Knowledge base' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Tickets' })).toBeChecked();
    await save(user);
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('explains FORBIDDEN without closing', async () => {
    const { user, onClose } = setup([updateMock({ role: 'ADMINISTRATOR', capabilities: ['TICKETS'] }, [{ code: 'FORBIDDEN' }])]);
    await save(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('You may not do that.');
    expect(onClose).not.toHaveBeenCalled();
  });
});
