import { Group, Select } from '@mantine/core';
import { useVisibleCompanies } from '../tickets/useVisibleCompanies';

/** Two selects: a company first, then one of its tickets or accounts (the second resets with the first). */
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
  const { companies } = useVisibleCompanies();
  return (
    <Group align="flex-end">
      <Select
        label={companyLabel}
        data={companies.map((c) => ({ value: c.id, label: c.name }))}
        value={companyId}
        onChange={(id) => {
          onCompany(id);
          onChange(null);
        }}
        searchable
        w={280}
      />
      <Select label={itemLabel} data={items} value={value} onChange={onChange} searchable disabled={!companyId} w={itemWidth} />
    </Group>
  );
}
