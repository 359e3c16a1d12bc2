import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { InviteDialog, InviteDialogMutation } from './InviteDialog';

const company = { id: 'cmp_1', name: 'Northwind Retail' };
const input = { companyId: 'cmp_1', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', language: 'en', role: 'MEMBER' };

function mockInvite(userErrors: Array<{ code: string; message: string; field: string[] | null }>) {
  return {
    request: { query: InviteDialogMutation, variables: { input } },
    result: {
      data: {
        inviteMember: {
          __typename: 'InvitationPayload',
          invitation: userErrors.length ? null : { __typename: 'Invitation', id: 'inv_1', email: input.email, status: 'PENDING' },
          userErrors: userErrors.map((e) => ({ __typename: 'UserError', ...e })),
        },
      },
    },
  };
}

function setup(mocks: ReturnType<typeof mockInvite>[] = []) {
  const onInvited = vi.fn();
  const onClose = vi.fn();
  const view = renderWithProviders(<InviteDialog company={company} opened onClose={onClose} onInvited={onInvited} />, mocks);
  return { ...view, onInvited, onClose };
}

async function fillIn(user: ReturnType<typeof setup>['user'], values: Partial<typeof input> = {}) {
  const v = { ...input, ...values };
  for (const [label, value] of [
    [/First name/, v.firstName],
    [/Last name/, v.lastName],
    [/^Email/, v.email],
  ] as const) {
    await user.click(screen.getByLabelText(label));
    await user.paste(value);
  }
}

const submit = (user: ReturnType<typeof setup>['user']) => user.click(screen.getByRole('button', { name: 'Send invitation' }));

describe('InviteDialog', () => {
  it('names the company and offers every field with a label', () => {
    setup();
    expect(screen.getByText('Invite a colleague to Northwind Retail')).toBeInTheDocument();
    for (const label of [/First name/, /Last name/, /^Email/, /Language of the email/, /Role/])
      expect(screen.getAllByLabelText(label).length).toBeGreaterThan(0);
  });

  it('validates inline before asking the server', async () => {
    const { user, onInvited } = setup();
    await submit(user);
    expect(await screen.findAllByText('Enter a name (up to 200 characters).')).toHaveLength(2);
    expect(screen.getByText('Enter a valid email address.')).toBeInTheDocument();
    await fillIn(user, { email: 'not-an-email' });
    await submit(user);
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.queryByText('Enter a name (up to 200 characters).')).not.toBeInTheDocument();
    expect(onInvited).not.toHaveBeenCalled();
  });

  it('sends the invitation and reports success', async () => {
    const { user, onInvited, onClose } = setup([mockInvite([])]);
    await fillIn(user);
    await submit(user);
    await waitFor(() => expect(onInvited).toHaveBeenCalledWith('ada@example.com'));
    expect(onClose).toHaveBeenCalled();
  });

  const fieldErrors: Array<[string, string[], string, RegExp]> = [
    ['INVALID_INPUT', ['input', 'email'], 'email is not an email address', /^Email/],
    ['INVALID_INPUT', ['input', 'firstName'], 'firstName must be 1 to 200 characters', /First name/],
    ['INVALID_INPUT', ['input', 'lastName'], 'lastName must be 1 to 200 characters', /Last name/],
    ['CONFLICT', ['input', 'email'], 'pending', /^Email/],
    ['ALREADY_MEMBER', ['input', 'email'], 'member', /^Email/],
  ];
  const shown: Record<string, string> = {
    CONFLICT: 'An invitation to this email is already pending. Resend it from the list instead.',
    ALREADY_MEMBER: 'This person is already a member of the company.',
  };
  it.each(fieldErrors)('shows %s on the field the server names (%j)', async (code, field, message, label) => {
    const { user, onInvited } = setup([mockInvite([{ code, message, field }])]);
    await fillIn(user);
    await submit(user);
    const text = shown[code] ?? message;
    const error = await screen.findByText(text);
    const inputEl = screen.getByLabelText(label);
    expect(inputEl).toHaveAttribute('aria-invalid', 'true');
    expect(inputEl.getAttribute('aria-describedby') ?? '').toContain(error.id);
    expect(onInvited).not.toHaveBeenCalled();
  });

  const formErrors: Array<[string, string[] | null, string]> = [
    ['FORBIDDEN', null, 'You may not invite people to this company.'],
    ['MAIL_DELIVERY_FAILED', null, 'The invitation email could not be sent, so nothing was saved. Try again later.'],
    ['RATE_LIMITED', null, 'Too many invitations in a short time. Wait a moment, then try again.'],
    ['NOT_FOUND', ['input', 'companyId'], 'Company not found'],
  ];
  it.each(formErrors)('shows %s above the form with what to do', async (code, field, text) => {
    const { user, onInvited } = setup([mockInvite([{ code, message: code === 'NOT_FOUND' ? 'Company not found' : 'refused', field }])]);
    await fillIn(user);
    await submit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(onInvited).not.toHaveBeenCalled();
  });
});
