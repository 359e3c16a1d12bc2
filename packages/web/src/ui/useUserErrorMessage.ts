import type { MessageKey } from '../app/i18n/en';
import { useI18n } from '../app/i18n/useI18n';
import type { UserErrorLike } from './userErrors';

const EXPLAINED = new Set(['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED']);

/**
 * A userError as a sentence: the codes every form may meet say what to do next; the rest keep the
 * server's words. With `companyName` (forms about a company's people), LAST_ADMINISTRATOR names it.
 */
export function useUserErrorMessage(companyName?: string) {
  const { t } = useI18n();
  return (e: UserErrorLike) => {
    if (e.code === 'LAST_ADMINISTRATOR' && companyName !== undefined) return t('people.lastAdmin', { company: companyName });
    // a name taken by a sibling (company names, issue 17), not a concurrent change
    if (e.code === 'CONFLICT' && e.field?.[e.field.length - 1] === 'name') return t('error.nameTaken');
    return EXPLAINED.has(e.code) ? t(`error.${e.code}` as MessageKey) : e.message;
  };
}
