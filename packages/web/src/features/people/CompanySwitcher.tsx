import { Select } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import type { Viewer } from '../auth/useViewer';
import { CompanyPicker } from '../companies/CompanyPicker';

/** Customers switch among their memberships' companies, administered first (staff search every company). */
export function switchableCompanies(viewer: Viewer) {
  const rank = (role: string) => (role === 'ADMINISTRATOR' ? 0 : role === 'MODERATOR' ? 1 : 2);
  const memberships = [...viewer.memberships].sort((a, b) => rank(a.role) - rank(b.role) || a.company.name.localeCompare(b.company.name));
  return memberships.map((m) => ({ id: m.company.id, name: m.company.name }));
}

const LAST_COMPANY_KEY = 'clientele.people.company';

/** Staff: the company they last opened People for (kept in this browser), or null. */
export function lastPeopleCompany(): string | null {
  try {
    return window.localStorage.getItem(LAST_COMPANY_KEY);
  } catch {
    return null;
  }
}

export function rememberPeopleCompany(id: string): void {
  try {
    window.localStorage.setItem(LAST_COMPANY_KEY, id);
  } catch {
    // private mode: staff pick again next time
  }
}

export function CompanySwitcher({
  staff,
  companies,
  value,
  onChange,
}: {
  /** Staff pick any company by searching; customers among `companies`. */
  staff: boolean;
  companies: Array<{ id: string; name: string }>;
  value: string | null;
  onChange: (id: string) => void;
}) {
  const { t } = useI18n();
  if (staff)
    return (
      <CompanyPicker label={t('people.companySwitch')} value={value} onChange={(v) => v && onChange(v)} allowDeselect={false} maw={360} />
    );
  if (companies.length < 2) return null;
  return (
    <Select
      label={t('people.companySwitch')}
      data={companies.map((c) => ({ value: c.id, label: c.name }))}
      value={value}
      onChange={(v) => v && onChange(v)}
      searchable
      allowDeselect={false}
      maw={360}
    />
  );
}
