import type { Translate } from '../app/i18n/I18nProvider';

/** The server's limit for names and titles (IsName: 1 to 200 characters, not only spaces). */
export const NAME_MAX = 200;

/** What is wrong with a name or title before the server is asked, or null. */
export function nameProblem(value: string, t: Translate): string | null {
  const trimmed = value.trim();
  if (!trimmed) return t('validation.blank');
  if (trimmed.length > NAME_MAX) return t('validation.tooLong', { max: NAME_MAX });
  return null;
}
