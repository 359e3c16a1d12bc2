import { Stack, Title } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { AuditLog } from '../../features/audit/AuditLog';

export function AuditPage() {
  const { t } = useI18n();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('staff.audit')}
      </Title>
      <AuditLog />
    </Stack>
  );
}
