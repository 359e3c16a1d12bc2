import { Progress, Text } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { passwordStrength } from './passwordStrength';

const LEVELS = {
  weak: { value: 15, color: 'red' },
  fair: { value: 45, color: 'yellow' },
  good: { value: 75, color: 'teal' },
  strong: { value: 100, color: 'green' },
};

export function PasswordStrengthHint({ password, id }: { password: string; id: string }) {
  const { t } = useI18n();
  const level = passwordStrength(password);
  const label = t('strength.label', { level: t(`strength.${level}`) });
  return (
    <div id={id}>
      <Progress value={password ? LEVELS[level].value : 0} color={LEVELS[level].color} size="sm" aria-hidden />
      <Text size="xs" mt={4} aria-live="polite">
        {password ? label : t('accept.newPasswordHint')}
      </Text>
    </div>
  );
}
