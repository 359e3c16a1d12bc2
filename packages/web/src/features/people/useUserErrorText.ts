import { useI18n } from '../../app/i18n/useI18n';
import type { UserErrorLike } from '../../ui/userErrors';

/** A userError of a people mutation as a sentence that says what to do next. */
export function useUserErrorText(companyName: string) {
  const { t } = useI18n();
  return (e: UserErrorLike) => {
    switch (e.code) {
      case 'LAST_ADMINISTRATOR':
        return t('people.lastAdmin', { company: companyName });
      case 'FORBIDDEN':
      case 'NOT_FOUND':
      case 'CONFLICT':
        return t(`error.${e.code}`);
      default:
        return t('error.generic', { message: e.message });
    }
  };
}
