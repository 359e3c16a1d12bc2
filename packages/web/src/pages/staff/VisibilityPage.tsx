import { Divider, Stack, Title } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { AccountVisibility } from '../../features/visibility/AccountVisibility';
import { TicketAudience } from '../../features/visibility/TicketAudience';

export function VisibilityPage() {
  const { t } = useI18n();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('nav.staff.visibility')}
      </Title>
      <TicketAudience />
      <Divider />
      <AccountVisibility />
    </Stack>
  );
}
