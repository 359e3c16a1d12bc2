import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { companyPickerMock, userErrors, type UserErrorInput } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { CreateCompanyDialog, CreateCompanyMutation } from './CreateCompanyDialog';

const PARENTS = [
  { id: 'cmp_holding', name: 'Northwind Holding' },
  { id: 'cmp_contoso', name: 'Contoso Dental Clinics' },
];
const DEFAULTS = { portalEnabled: true, membersSeeCompanyTickets: false, subsidiaryTicketsVisible: false, shareTicketsWithFamily: false };

/** createCompany(input); `calls` sees every request that reached the server. */
function createMock(input: Record<string, unknown>, errors: UserErrorInput[] = [], calls = vi.fn()) {
  return {
    request: { query: CreateCompanyMutation, variables: { input } },
    result: () => {
      calls(input);
      return {
        data: {
          createCompany: {
            __typename: 'CompanyPayload',
            company: errors.length ? null : { __typename: 'Company', id: 'cmp_new', name: input.name },
            userErrors: userErrors(errors),
          },
        },
      };
    },
  };
}

function setup(mocks: object[] = [], defaultParentId: string | null = null) {
  const onCreated = vi.fn();
  const onClose = vi.fn();
  const view = renderWithProviders(<CreateCompanyDialog defaultParentId={defaultParentId} onClose={onClose} onCreated={onCreated} />, [
    companyPickerMock(PARENTS),
    ...mocks,
  ] as never);
  return { ...view, onCreated, onClose };
}

type User = ReturnType<typeof setup>['user'];
const nameInput = () => screen.getByRole('textbox', { name: /Company name/ });
const parentInput = () => screen.getByRole('combobox', { name: 'Parent company' });
async function typeName(user: User, name: string) {
  await user.click(nameInput());
  await user.paste(name);
}
const submit = (user: User) => user.click(screen.getByRole('button', { name: 'Create company' }));

describe('CreateCompanyDialog', () => {
  it('labels every control', () => {
    setup();
    expect(nameInput()).toBeRequired();
    expect(parentInput()).toBeInTheDocument();
    for (const label of ['Portal enabled', 'Members see company tickets', 'Subsidiary tickets visible'])
      expect(screen.getByRole('switch', { name: label })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Settings' })).toBeInTheDocument();
  });

  it.each([
    ['blank', '   ', 'This cannot be empty.'],
    ['too long', 'N'.repeat(201), 'Use at most 200 characters.'],
  ])('refuses a %s name on the field without asking the server', async (_, name, message) => {
    const calls = vi.fn();
    const { user, onCreated } = setup([createMock({ name: name.trim(), parentId: null, settings: DEFAULTS }, [], calls)]);
    await typeName(user, name);
    await submit(user);
    const error = await screen.findByText(message);
    expect(nameInput()).toHaveAttribute('aria-invalid', 'true');
    expect(nameInput().getAttribute('aria-describedby')).toContain(error.id);
    expect(calls).not.toHaveBeenCalled();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('creates an independent company with the default settings', async () => {
    const { user, onCreated } = setup([createMock({ name: 'Fabrikam', parentId: null, settings: DEFAULTS })]);
    await typeName(user, ' Fabrikam ');
    await submit(user);
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('cmp_new'));
    expect(await screen.findByText('Fabrikam was created.')).toBeInTheDocument();
  });

  it('creates a subsidiary of the company in view with the settings chosen', async () => {
    const settings = { ...DEFAULTS, membersSeeCompanyTickets: true, portalEnabled: false };
    const { user, onCreated } = setup([createMock({ name: 'Northwind Hungary', parentId: 'cmp_holding', settings })], 'cmp_holding');
    await waitFor(() => expect(parentInput()).toHaveValue('Northwind Holding'));
    await typeName(user, 'Northwind Hungary');
    await user.click(screen.getByRole('switch', { name: 'Portal enabled' }));
    await user.click(screen.getByRole('switch', { name: 'Members see company tickets' }));
    await submit(user);
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('cmp_new'));
  });

  const fieldErrors: Array<[string, string[], string, () => HTMLElement, string]> = [
    ['INVALID_INPUT', ['input', 'name'], 'name must not be blank', nameInput, 'name must not be blank'],
    ['INVALID_INPUT', ['input', 'parentId'], 'parentId is not a company id', parentInput, 'parentId is not a company id'],
    // a sibling of the same name (issue 17): on the name field, saying what to do, not "changed in the meantime"
    [
      'CONFLICT',
      ['input', 'name'],
      'A company named "Fabrikam" already exists under this parent company',
      nameInput,
      'A company with this name already exists at this level. Choose another name.',
    ],
    [
      'NOT_FOUND',
      ['input', 'parentId'],
      'Parent company not found',
      parentInput,
      'That company no longer exists. Pick another parent, or none.',
    ],
  ];
  it.each(fieldErrors)('shows %s on the field the server names (%j)', async (code, field, message, input, shown) => {
    const { user, onCreated } = setup(
      [createMock({ name: 'Fabrikam', parentId: 'cmp_contoso', settings: DEFAULTS }, [{ code, message, field }])],
      'cmp_contoso',
    );
    await typeName(user, 'Fabrikam');
    await submit(user);
    const error = await screen.findByText(shown);
    expect(input()).toHaveAttribute('aria-invalid', 'true');
    expect(input().getAttribute('aria-describedby')).toContain(error.id);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
  });

  const formErrors: Array<[string, string]> = [
    ['FORBIDDEN', 'Only staff administrators may create companies.'],
    ['CONFLICT', 'It changed in the meantime. Reload and try again.'],
    ['RATE_LIMITED', 'Too many requests in a short time. Wait a moment, then try again.'],
  ];
  it.each(formErrors)('explains %s above the form', async (code, text) => {
    const { user, onCreated } = setup([createMock({ name: 'Fabrikam', parentId: null, settings: DEFAULTS }, [{ code }])]);
    await typeName(user, 'Fabrikam');
    await submit(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(nameInput()).not.toHaveAttribute('aria-invalid', 'true');
    expect(onCreated).not.toHaveBeenCalled();
  });
});
