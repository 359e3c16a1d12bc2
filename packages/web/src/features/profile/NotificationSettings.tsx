import { useQuery } from '@apollo/client/react';
import { Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import type { MessageKey } from '../../app/i18n/en';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { NotificationLevel } from '../../gql/graphql';
import { FormError } from '../../ui/FormError';
import { QueryState } from '../../ui/QueryState';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { NOTIFICATION_LEVELS, useSetNotificationLevel } from './useSetNotificationLevel';

export const NotificationSettingsQuery = graphql(`
  query NotificationSettingsQuery {
    viewer {
      id
      staffRole
      notificationLevel
    }
  }
`);

/** The section's id: notification emails link to /profile#notifications. */
export const NOTIFICATIONS_ANCHOR = 'notifications';

/**
 * Which emails the signed-in person gets about tickets (conversation.md, "Notifications"), in plain
 * words: for a customer ALL means the company's tickets, for staff every ticket.
 */
export function NotificationSettings() {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const query = useQuery(NotificationSettingsQuery);
  const viewer = query.data?.viewer;
  const [choice, setChoice] = useState<NotificationLevel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [save, { loading }] = useSetNotificationLevel();
  const heading = useRef<HTMLHeadingElement>(null);
  const { hash } = useLocation();
  const loaded = !!viewer;

  // the browser scrolled to #notifications before this section existed: do it once it does
  useEffect(() => {
    if (loaded && hash === `#${NOTIFICATIONS_ANCHOR}`) {
      heading.current?.scrollIntoView({ block: 'start' });
      heading.current?.focus();
    }
  }, [loaded, hash]);

  const current = viewer?.notificationLevel ?? null;
  const value = choice ?? current;
  const label = (level: NotificationLevel): MessageKey => (viewer?.staffRole ? `notify.staff.${level}` : `notify.${level}`);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value) return;
    setError(null);
    try {
      const { data } = await save({ variables: { input: { level: value } } });
      const e = data?.setNotificationLevel.userErrors[0];
      if (e) return setError(message(e));
      setChoice(null);
      notifications.show({ color: 'green', message: t('notify.saved') });
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }

  return (
    <Paper component="section" id={NOTIFICATIONS_ANCHOR} withBorder p="md" aria-labelledby="notifications-heading">
      <Stack>
        <Title order={2} size="h3" id="notifications-heading" ref={heading} tabIndex={-1}>
          {t('notify.title')}
        </Title>
        <Text size="sm">{t(viewer?.staffRole ? 'notify.staff.intro' : 'notify.intro')}</Text>
        <QueryState query={query} empty={!viewer}>
          <form onSubmit={submit} noValidate>
            <Stack>
              <FormError message={error} />
              <Radio.Group label={t('notify.choose')} value={value} onChange={(v) => setChoice(v as NotificationLevel)}>
                <Stack gap="sm" mt="xs">
                  {NOTIFICATION_LEVELS.map((level) => (
                    <Radio key={level} value={level} label={t(label(level))} />
                  ))}
                </Stack>
              </Radio.Group>
              <Group justify="flex-end">
                <Button type="submit" loading={loading} disabled={!value || value === current}>
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        </QueryState>
      </Stack>
    </Paper>
  );
}
