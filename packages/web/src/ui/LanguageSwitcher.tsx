import { NativeSelect } from '@mantine/core';
import { LANGUAGES, supportedLanguage } from '../app/i18n/I18nProvider';
import { useI18n } from '../app/i18n/useI18n';

export function LanguageSwitcher() {
  const { t, language, choose } = useI18n();
  return (
    <NativeSelect
      aria-label={t('nav.language')}
      size="xs"
      data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
      value={language}
      onChange={(e) => {
        const next = supportedLanguage(e.currentTarget.value);
        if (next) choose(next);
      }}
    />
  );
}
