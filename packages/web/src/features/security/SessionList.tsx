import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { SessionListQueryQuery } from '../../gql/graphql';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { QueryState } from '../../ui/QueryState';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { useForgetViewer } from '../auth/useSignOut';
import { deviceName } from './deviceName';

export const SessionListQuery = graphql(`
  query SessionListQuery {
    viewer {
      id
      sessions {
        id
        createdAt
        lastSeenAt
        userAgent
        clientAddress
        current
      }
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation SessionListRevokeMutation($id: ID!) {
    revokeSession(id: $id) {
      ok
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const SignOutEverywhereMutation = graphql(`
  mutation SessionListSignOutEverywhereMutation {
    signOutEverywhere {
      ok
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Session = NonNullable<NonNullable<SessionListQueryQuery['viewer']>['sessions']>[number];

const RAW_MAX = 60;

/** The viewer's live sessions, this device first: each can be signed out, or all at once. */
export function SessionList() {
  const { t, formatDateTime } = useI18n();
  const message = useUserErrorMessage();
  const forget = useForgetViewer();
  const query = useQuery(SessionListQuery);
  const [revoke] = useMutation(RevokeSessionMutation);
  const [signOutEverywhere, { loading: endingAll }] = useMutation(SignOutEverywhereMutation);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sessions = [...(query.data?.viewer?.sessions ?? [])].sort((a, b) => Number(b.current) - Number(a.current));

  const fail = (text: string) => notifications.show({ color: 'red', message: text, autoClose: 10000 });
  const failure = (e: unknown) =>
    graphqlErrorCode(e) === 'RATE_LIMITED' ? t('error.RATE_LIMITED') : t('common.error', { message: (e as Error).message });

  /** "Firefox on Windows"; a user agent we cannot read is shown as it is, shortened. */
  function device(session: Session) {
    if (!session.userAgent) return t('sessions.unknownDevice');
    const known = deviceName(session.userAgent);
    if (known) return t('sessions.device', known);
    return session.userAgent.length > RAW_MAX ? `${session.userAgent.slice(0, RAW_MAX - 1)}…` : session.userAgent;
  }

  async function onRevoke(session: Session) {
    setRevoking(session.id);
    try {
      const { data } = await revoke({
        variables: { id: session.id },
        update: (cache, result) => {
          if (!result.data?.revokeSession.ok) return;
          cache.evict({ id: cache.identify(session) }); // the list drops the dangling entry
          cache.gc();
        },
      });
      const e = data?.revokeSession.userErrors[0];
      if (e) fail(message(e));
      else notifications.show({ color: 'green', message: t('sessions.revoked', { device: device(session) }) });
    } catch (e) {
      fail(failure(e));
    } finally {
      setRevoking(null);
    }
  }

  async function onSignOutEverywhere() {
    try {
      const { data } = await signOutEverywhere();
      const e = data?.signOutEverywhere.userErrors[0];
      if (e) {
        setConfirming(false);
        return fail(message(e));
      }
      await forget('everywhere');
    } catch (e) {
      setConfirming(false);
      fail(failure(e));
    }
  }

  return (
    <Stack>
      <Title order={3} size="h4" id="sessions-heading">
        {t('sessions.title')}
      </Title>
      <Text size="sm">{t('sessions.intro')}</Text>
      <QueryState query={query} empty={query.data !== undefined && sessions.length === 0}>
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="sessions-heading">
          {sessions.map((session) => {
            const name = device(session);
            const lastSeen = formatDateTime(session.lastSeenAt);
            return (
              <Paper component="li" key={session.id} withBorder p="sm">
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0, flex: '1 1 14rem' }}>
                    <Group gap="xs" wrap="wrap">
                      <Text fw={600} title={session.userAgent ?? undefined} style={{ overflowWrap: 'anywhere' }}>
                        {name}
                      </Text>
                      {session.current && (
                        <Badge color="green" variant="light">
                          {t('sessions.thisDevice')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t('sessions.address', { address: session.clientAddress ?? t('sessions.unknownAddress') })}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('sessions.started', { date: formatDateTime(session.createdAt) })}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t('sessions.lastActive', { date: lastSeen })}
                    </Text>
                  </Stack>
                  {/* this device signs out with the header's button */}
                  {!session.current && (
                    <Button
                      size="xs"
                      variant="default"
                      loading={revoking === session.id}
                      onClick={() => void onRevoke(session)}
                      aria-label={t('sessions.revokeLabel', { device: name, date: lastSeen })}
                    >
                      {t('sessions.revoke')}
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
        <Group justify="flex-end">
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            {t('sessions.everywhere')}
          </Button>
        </Group>
      </QueryState>
      {confirming && (
        <ConfirmDialog
          title={t('sessions.everywhereTitle')}
          message={t('sessions.everywhereConfirm')}
          confirmLabel={t('sessions.everywhere')}
          loading={endingAll}
          onConfirm={() => void onSignOutEverywhere()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </Stack>
  );
}
