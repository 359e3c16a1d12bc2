import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { ApiTokenListQueryQuery } from '../../gql/graphql';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { QueryState } from '../../ui/QueryState';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { SCOPE_LABELS } from './apiTokenScopes';
import { CreateApiTokenDialog } from './CreateApiTokenDialog';
import { SecretOnce } from './SecretOnce';

export const ApiTokenListQuery = graphql(`
  query ApiTokenListQuery {
    viewer {
      id
      apiTokens {
        ...ApiTokenFields
      }
    }
  }
`);

graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    tokenPrefix
    scopes
    company {
      id
      name
    }
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation ApiTokenListRevokeMutation($id: ID!) {
    revokeApiToken(id: $id) {
      apiToken {
        ...ApiTokenFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type ApiToken = NonNullable<ApiTokenListQueryQuery['viewer']>['apiTokens'][number];

/** The viewer's API tokens, newest first: what each may do and where, when it was last used; create and revoke. */
export function ApiTokenList() {
  const { t, formatDateTime } = useI18n();
  const message = useUserErrorMessage();
  const query = useQuery(ApiTokenListQuery);
  const [revoke, { loading: revoking }] = useMutation(RevokeApiTokenMutation);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<ApiToken | null>(null);
  const tokens = query.data?.viewer?.apiTokens ?? [];

  async function onRevoke(token: ApiToken) {
    try {
      const { data } = await revoke({ variables: { id: token.id } });
      const e = data?.revokeApiToken.userErrors[0];
      if (e) notifications.show({ color: 'red', message: message(e), autoClose: 10000 });
      else notifications.show({ color: 'green', message: t('apiTokens.revoked', { name: token.name }) });
    } catch (e) {
      notifications.show({ color: 'red', message: t('common.error', { message: (e as Error).message }), autoClose: 10000 });
    } finally {
      setConfirming(null);
    }
  }

  function state(token: ApiToken) {
    if (token.revokedAt) return <Badge color="gray">{t('apiTokens.revokedState')}</Badge>;
    if (token.expiresAt && new Date(token.expiresAt) <= new Date()) return <Badge color="gray">{t('apiTokens.expiredState')}</Badge>;
    return <Badge color="green">{t('apiTokens.activeState')}</Badge>;
  }

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="api-tokens-heading">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="api-tokens-heading">
            {t('apiTokens.title')}
          </Title>
          <Button onClick={() => setCreating(true)}>{t('apiTokens.create')}</Button>
        </Group>
        <Text size="sm">{t('apiTokens.intro')}</Text>
        {created && <SecretOnce title={t('apiTokens.createdTitle')} secret={created} onDone={() => setCreated(null)} />}
        <QueryState query={query} empty={query.data !== undefined && tokens.length === 0} emptyText={t('apiTokens.empty')}>
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="api-tokens-heading">
            {tokens.map((token) => (
              <Paper component="li" key={token.id} withBorder p="sm">
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                    <Group gap="xs" wrap="wrap">
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {token.name}
                      </Text>
                      <Text size="sm" c="dimmed" ff="monospace">
                        {token.tokenPrefix}…
                      </Text>
                      {state(token)}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {token.scopes.map((s) => t(SCOPE_LABELS[s])).join(', ')}
                    </Text>
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {token.company ? t('apiTokens.onlyCompany', { company: token.company.name }) : t('apiTokens.everyCompany')}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('apiTokens.created', { date: formatDateTime(token.createdAt) })}
                      {' · '}
                      {token.expiresAt ? t('apiTokens.expires', { date: formatDateTime(token.expiresAt) }) : t('apiTokens.neverExpires')}
                      {' · '}
                      {token.lastUsedAt ? t('apiTokens.lastUsed', { date: formatDateTime(token.lastUsedAt) }) : t('apiTokens.neverUsed')}
                    </Text>
                  </Stack>
                  {!token.revokedAt && (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => setConfirming(token)}
                      aria-label={t('apiTokens.revokeLabel', { name: token.name })}
                    >
                      {t('apiTokens.revoke')}
                    </Button>
                  )}
                </Group>
              </Paper>
            ))}
          </Stack>
        </QueryState>
      </Stack>
      {creating && (
        <CreateApiTokenDialog
          onClose={() => setCreating(false)}
          onCreated={(secret) => {
            setCreating(false);
            setCreated(secret);
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          title={t('apiTokens.revokeTitle')}
          message={t('apiTokens.revokeConfirm', { name: confirming.name })}
          confirmLabel={t('apiTokens.revoke')}
          loading={revoking}
          onConfirm={() => void onRevoke(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </Paper>
  );
}
