import type { Translate } from '../../app/i18n/I18nProvider';

/** The server's password rules (account-security.md): checked here first so a slip costs no round trip. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 1024;

/** `errorProps` of a field: its error is read out when it appears, not only when the field gets the focus. */
export const ANNOUNCED = { role: 'alert' } as const;

/** What is wrong with a new password and its repetition, per field; empty when both are fine. */
export function newPasswordProblems(password: string, repeat: string, t: Translate): { password?: string; repeat?: string } {
  if (password.length < PASSWORD_MIN) return { password: t('password.tooShort', { min: PASSWORD_MIN }) };
  if (password.length > PASSWORD_MAX) return { password: t('validation.tooLong', { max: PASSWORD_MAX }) };
  if (password !== repeat) return { repeat: t('password.mismatch') };
  return {};
}
