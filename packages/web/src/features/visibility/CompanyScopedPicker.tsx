import { Group, Select } from '@mantine/core';
import { CompanyPicker } from '../companies/CompanyPicker';

/** Two selects: a company first, then one of its tickets (the second resets with the first). */
export function CompanyScopedPicker({
  companyLabel,
  itemLabel,
  companyId,
  onCompany,
  items,
  value,
  onChange,
  itemWidth = 360,
}: {
  companyLabel: string;
  itemLabel: string;
  companyId: string | null;
  onCompany: (id: string | null) => void;
  items: Array<{ value: string; label: string }>;
  value: string | null;
  onChange: (id: string | null) => void;
  itemWidth?: number;
}) {
  return (
    <Group align="flex-end">
      <CompanyPicker
        label={companyLabel}
        value={companyId}
        onChange={(id) => {
          onCompany(id);
          onChange(null);
        }}
        w={280}
      />
      <Select label={itemLabel} data={items} value={value} onChange={onChange} searchable disabled={!companyId} w={itemWidth} />
    </Group>
  );
}
