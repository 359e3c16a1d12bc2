import { PasswordInput } from '@mantine/core';
import { useId } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { PasswordStrengthHint } from '../invitations/PasswordStrengthHint';
import { ANNOUNCED } from './newPassword';

/** A new password with its strength hint, and its repetition: shared by the reset and change forms. */
export function NewPasswordFields({
  password,
  repeat,
  onPassword,
  onRepeat,
  errors,
}: {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  errors: { password?: string; repeat?: string };
}) {
  const { t } = useI18n();
  const hintId = useId();
  return (
    <>
      <PasswordInput
        label={t('password.new')}
        autoComplete="new-password"
        required
        value={password}
        onChange={(e) => onPassword(e.currentTarget.value)}
        error={errors.password}
        // Mantine's PasswordInput leaves aria-invalid to us; the error is announced as it appears
        aria-invalid={errors.password ? true : undefined}
        errorProps={ANNOUNCED}
      />
      <PasswordStrengthHint password={password} id={hintId} />
      <PasswordInput
        label={t('password.repeat')}
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(e) => onRepeat(e.currentTarget.value)}
        error={errors.repeat}
        aria-invalid={errors.repeat ? true : undefined}
        errorProps={ANNOUNCED}
      />
    </>
  );
}
