import { Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../app/i18n/useI18n';
import { ApiTokenList } from '../features/integrations/ApiTokenList';
import { WebhookList } from '../features/integrations/WebhookList';

/** /profile/integrations: the viewer's API tokens and webhooks, for connecting other systems. */
export default function IntegrationsPage() {
  const { t } = useI18n();
  return (
    <Stack maw={860}>
      <Title order={1} size="h2">
        {t('integrations.title')}
      </Title>
      <Text>{t('integrations.intro')}</Text>
      <ApiTokenList />
      <WebhookList />
    </Stack>
  );
}
