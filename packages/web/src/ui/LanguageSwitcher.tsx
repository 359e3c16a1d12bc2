import { NativeSelect } from '@mantine/core';
import { LANGUAGES, supportedLanguage, type Language } from '../app/i18n/I18nProvider';
import { useI18n } from '../app/i18n/useI18n';

/** Switches the portal's language at once; `onChosen` also hears of it (to save it to the account). */
export function LanguageSwitcher({ onChosen }: { onChosen?: (language: Language) => void }) {
  const { t, language, choose } = useI18n();
  return (
    <NativeSelect
      aria-label={t('nav.language')}
      size="xs"
      data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
      value={language}
      onChange={(e) => {
        const next = supportedLanguage(e.currentTarget.value);
        if (!next) return;
        choose(next);
        onChosen?.(next);
      }}
    />
  );
}
