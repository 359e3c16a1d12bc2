import { Button, Group } from '@mantine/core';
import { useI18n } from '../app/i18n/useI18n';

/** Cancel and submit at the foot of a form; Enter in a field submits too. */
export function FormActions({ submitLabel, loading, onCancel }: { submitLabel: string; loading: boolean; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <Group justify="flex-end" className="form-actions">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {submitLabel}
      </Button>
    </Group>
  );
}
