import { useI18n } from '../../app/i18n/useI18n';
import { CompanyPicker } from '../companies/CompanyPicker';

/** Narrows an API token or a webhook to one company and the companies under it; empty: every company the owner sees. */
export function CompanyRestrictionPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (companyId: string | null) => void;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <CompanyPicker
      label={t('apiTokens.company')}
      description={t('apiTokens.companyHint')}
      placeholder={t('apiTokens.everyCompany')}
      value={value}
      onChange={onChange}
      clearable
      error={error}
    />
  );
}
