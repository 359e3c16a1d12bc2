import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { WebhookListQueryQuery } from '../../gql/graphql';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { QueryState } from '../../ui/QueryState';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { CreateWebhookDialog } from './CreateWebhookDialog';
import { SecretOnce } from './SecretOnce';
import { WebhookDeliveries } from './WebhookDeliveries';
import { EVENT_LABELS } from './webhookEvents';

export const WebhookListQuery = graphql(`
  query WebhookListQuery {
    viewer {
      id
      webhooks {
        ...WebhookFields
      }
    }
  }
`);

graphql(`
  fragment WebhookFields on Webhook {
    id
    url
    events
    active
    createdAt
    company {
      id
      name
    }
  }
`);

export const SetWebhookActiveMutation = graphql(`
  mutation WebhookListSetActiveMutation($id: ID!, $active: Boolean!) {
    setWebhookActive(id: $id, active: $active) {
      webhook {
        ...WebhookFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation WebhookListDeleteMutation($id: ID!) {
    deleteWebhook(id: $id) {
      deletedId
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Webhook = NonNullable<NonNullable<WebhookListQueryQuery['viewer']>['webhooks']>[number];

/** The viewer's webhooks: where each posts, which events, on or off, its recent deliveries; create, switch, delete. */
export function WebhookList() {
  const { t, formatDateTime } = useI18n();
  const message = useUserErrorMessage();
  const query = useQuery(WebhookListQuery);
  const [setActive] = useMutation(SetWebhookActiveMutation);
  const [remove, { loading: deleting }] = useMutation(DeleteWebhookMutation);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Webhook | null>(null);
  const [switching, setSwitching] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const webhooks = query.data?.viewer?.webhooks ?? [];

  const fail = (text: string) => notifications.show({ color: 'red', message: text, autoClose: 10000 });

  async function onSwitch(webhook: Webhook, active: boolean) {
    setSwitching(webhook.id);
    try {
      const { data } = await setActive({ variables: { id: webhook.id, active } });
      const e = data?.setWebhookActive.userErrors[0];
      if (e) fail(message(e));
    } catch (e) {
      fail(t('common.error', { message: (e as Error).message }));
    } finally {
      setSwitching(null);
    }
  }

  async function onDelete(webhook: Webhook) {
    try {
      const { data } = await remove({
        variables: { id: webhook.id },
        update: (cache, result) => {
          if (!result.data?.deleteWebhook.deletedId) return;
          cache.evict({ id: cache.identify(webhook) });
          cache.gc();
        },
      });
      const e = data?.deleteWebhook.userErrors[0];
      if (e) fail(message(e));
      else notifications.show({ color: 'green', message: t('webhooks.deleted', { url: webhook.url }) });
    } catch (e) {
      fail(t('common.error', { message: (e as Error).message }));
    } finally {
      setConfirming(null);
    }
  }

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="webhooks-heading">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="webhooks-heading">
            {t('webhooks.title')}
          </Title>
          <Button onClick={() => setCreating(true)}>{t('webhooks.create')}</Button>
        </Group>
        <Text size="sm">{t('webhooks.intro')}</Text>
        {created && <SecretOnce title={t('webhooks.createdTitle')} secret={created} onDone={() => setCreated(null)} />}
        <QueryState query={query} empty={query.data !== undefined && webhooks.length === 0} emptyText={t('webhooks.empty')}>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="webhooks-heading">
            {webhooks.map((webhook) => (
              <Paper component="li" key={webhook.id} withBorder p="sm">
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                    <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                      <Group gap="xs" wrap="wrap">
                        <Text fw={600} ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
                          {webhook.url}
                        </Text>
                        {webhook.active ? (
                          <Badge color="green">{t('webhooks.active')}</Badge>
                        ) : (
                          <Badge color="gray">{t('webhooks.inactive')}</Badge>
                        )}
                      </Group>
                      <Text size="sm" c="dimmed">
                        {webhook.events.map((e) => t(EVENT_LABELS[e])).join(', ')}
                      </Text>
                      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {webhook.company ? t('apiTokens.onlyCompany', { company: webhook.company.name }) : t('apiTokens.everyCompany')}
                        {' · '}
                        {t('apiTokens.created', { date: formatDateTime(webhook.createdAt) })}
                      </Text>
                    </Stack>
                    <Group gap="xs" wrap="wrap">
                      <Switch
                        checked={webhook.active}
                        disabled={switching === webhook.id}
                        onChange={(e) => void onSwitch(webhook, e.currentTarget.checked)}
                        label={t('webhooks.on')}
                        aria-label={t('webhooks.switchLabel', { url: webhook.url })}
                      />
                      <Button
                        size="xs"
                        variant="default"
                        aria-expanded={open === webhook.id}
                        onClick={() => setOpen(open === webhook.id ? null : webhook.id)}
                        aria-label={t('webhooks.deliveriesLabel', { url: webhook.url })}
                      >
                        {t('webhooks.deliveries')}
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        onClick={() => setConfirming(webhook)}
                        aria-label={t('webhooks.deleteLabel', { url: webhook.url })}
                      >
                        {t('webhooks.delete')}
                      </Button>
                    </Group>
                  </Group>
                  {open === webhook.id && <WebhookDeliveries webhookId={webhook.id} />}
                </Stack>
              </Paper>
            ))}
          </Stack>
        </QueryState>
      </Stack>
      {creating && (
        <CreateWebhookDialog
          onClose={() => setCreating(false)}
          onCreated={(secret) => {
            setCreating(false);
            setCreated(secret);
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t('webhooks.deleteTitle')}
          message={t('webhooks.deleteConfirm', { url: confirming.url })}
          confirmLabel={t('webhooks.delete')}
          loading={deleting}
          onConfirm={() => void onDelete(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </Paper>
  );
}
