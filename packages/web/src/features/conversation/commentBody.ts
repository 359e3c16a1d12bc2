import type { Translate } from '../../app/i18n/I18nProvider';

/** The server's limit (conversation.md): 1 to 20 000 characters after trimming. */
export const COMMENT_MAX = 20_000;

/** The text as the server stores it: line breaks as \n, trimmed; its length is what the limit counts. */
export const cleanBody = (body: string) => body.replace(/\r\n?/g, '\n').trim();

/** Why the server would refuse this text, or null; `max` is COMMENT_MAX formatted for the reader. */
export function commentProblem(body: string, t: Translate, max: string): string | null {
  const text = cleanBody(body);
  if (text.length === 0) return t('validation.blank');
  if (text.length > COMMENT_MAX) return t('validation.tooLong', { max });
  return null;
}
