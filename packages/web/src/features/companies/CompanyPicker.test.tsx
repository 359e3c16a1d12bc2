import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { companyPickerMock } from '../../test/mocks';
import { renderWithProviders } from '../../test/render';
import { CompanyPicker, CompanyPickerSelectedQuery } from './CompanyPicker';

const HOLDING = { id: 'cmp_holding', name: 'Northwind Holding' };
const RETAIL = { id: 'cmp_retail', name: 'Northwind Retail' };
const CONTOSO = { id: 'cmp_contoso', name: 'Contoso Dental Clinics' };
const FAR = { id: 'cmp_far', name: 'Zeta Far Away', path: [] }; // beyond the first page of matches

function Picker({
  initial,
  onChange,
  forNewTicket = false,
}: {
  initial: string | null;
  onChange: (id: string | null) => void;
  forNewTicket?: boolean;
}) {
  const [value, setValue] = useState(initial);
  return (
    <CompanyPicker
      label="Company"
      forNewTicket={forNewTicket}
      value={value}
      onChange={(id) => {
        setValue(id);
        onChange(id);
      }}
    />
  );
}

function setup(mocks: object[], initial: string | null = null, forNewTicket = false) {
  const onChange = vi.fn();
  const view = renderWithProviders(<Picker initial={initial} onChange={onChange} forNewTicket={forNewTicket} />, mocks as never);
  return { ...view, onChange };
}

const input = () => screen.getByRole('combobox', { name: 'Company' });
// Mantine's dropdown is display: none in jsdom (no layout), hence `hidden: true`
const options = () => screen.getAllByRole('option', { hidden: true }).map((o) => o.textContent);

describe('CompanyPicker', () => {
  it('asks the server once typing pauses, not for every keystroke', async () => {
    const searches = vi.fn();
    const { user, onChange } = setup([companyPickerMock([HOLDING, RETAIL, CONTOSO], { searches })]);
    await user.click(input());
    await waitFor(() => expect(options()).toEqual([HOLDING.name, RETAIL.name, CONTOSO.name]));
    await user.type(input(), 'Retail');
    await waitFor(() => expect(options()).toEqual([RETAIL.name]));
    expect(searches.mock.calls).toEqual([[null], ['Retail']]);
    await user.click(screen.getByRole('option', { name: RETAIL.name, hidden: true }));
    expect(onChange).toHaveBeenCalledWith(RETAIL.id);
    expect(input()).toHaveValue(RETAIL.name);
  });

  it('names each company with the ancestors the viewer sees, so two of one name stay apart', async () => {
    const { user } = setup([
      companyPickerMock([HOLDING, { id: 'cmp_r1', name: 'Retail', path: [HOLDING] }, { id: 'cmp_r2', name: 'Retail', path: [CONTOSO] }]),
    ]);
    await user.click(input());
    expect(await screen.findByRole('option', { name: 'Northwind Holding › Retail', hidden: true })).toBeInTheDocument();
    await user.click(screen.getByRole('option', { name: 'Contoso Dental Clinics › Retail', hidden: true }));
    expect(input()).toHaveValue('Contoso Dental Clinics › Retail');
  });

  it('shows a selected company that is not among the matches, and keeps it while another search runs', async () => {
    const lookups = vi.fn();
    const { user } = setup(
      [
        companyPickerMock([HOLDING, RETAIL, CONTOSO]),
        {
          request: { query: CompanyPickerSelectedQuery, variables: { id: FAR.id, forNewTicket: false } },
          result: () => {
            lookups();
            return { data: { company: { __typename: 'Company', ...FAR } } };
          },
        },
      ],
      FAR.id,
    );
    await waitFor(() => expect(input()).toHaveValue(FAR.name));
    expect(lookups).toHaveBeenCalledTimes(1);
    await user.click(input());
    await waitFor(() => expect(options()).toContain(HOLDING.name));
    expect(options()[0]).toBe(FAR.name); // the selection first, then the matches
    await user.clear(input());
    await user.type(input(), 'Contoso');
    await waitFor(() => expect(options()).toContain(CONTOSO.name));
    await user.keyboard('{Escape}');
    await user.tab();
    expect(input()).toHaveValue(FAR.name);
  });

  it('says that there are more matches than shown', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `cmp_${i}`, name: `Company ${String(i).padStart(2, '0')}` }));
    const mock = companyPickerMock(many);
    const answer = mock.result as (v: object) => { data: { companies: { totalCount: number } } };
    const { user } = setup([
      {
        ...mock,
        result: (v: object) => {
          const r = answer(v);
          r.data.companies.totalCount = 57;
          return r;
        },
      },
    ]);
    await user.click(input());
    expect(await screen.findByRole('option', { name: '20 of 57 shown: type to narrow down', hidden: true })).toHaveAttribute(
      'data-combobox-disabled',
      'true',
    );
  });

  it('for a new ticket, shows companies where the viewer may not raise tickets disabled, with a hint', async () => {
    const { user, onChange } = setup([companyPickerMock([HOLDING, { ...CONTOSO, createTicket: false }])], null, true);
    await user.click(input());
    const refused = await screen.findByRole('option', { name: `${CONTOSO.name} (you cannot raise tickets here)`, hidden: true });
    expect(refused).toHaveAttribute('data-combobox-disabled', 'true');
    expect(screen.getByRole('option', { name: HOLDING.name, hidden: true })).not.toHaveAttribute('data-combobox-disabled');
    await user.click(refused);
    expect(onChange).not.toHaveBeenCalled();
  });
});
