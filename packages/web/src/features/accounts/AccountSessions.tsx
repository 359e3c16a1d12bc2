import { useMutation } from '@apollo/client/react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { AccountSessionFieldsFragment } from '../../gql/graphql';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { useDeviceLabel } from '../sign-in-log/useDeviceLabel';

/** A session as staff see it on an account: `sessions { ...AccountSessionFields }`. */
graphql(`
  fragment AccountSessionFields on Session {
    id
    createdAt
    lastSeenAt
    userAgent
    clientAddress
    current
  }
`);

export const AccountSessionsRevokeMutation = graphql(`
  mutation AccountSessionsRevokeMutation($id: ID!) {
    revokeSession(id: $id) {
      ok
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const AccountSessionsSignOutEverywhereMutation = graphql(`
  mutation AccountSessionsSignOutEverywhereMutation($accountId: ID!) {
    signOutEverywhere(accountId: $accountId) {
      ok
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/**
 * Staff ADMIN: where an account is signed in, each session to end, or all at once (after asking).
 * The viewer's own account is left to the profile, where signing out everywhere also signs out here.
 */
export function AccountSessions({
  account,
  sessions,
  own,
}: {
  account: { id: string; name: string };
  sessions: readonly AccountSessionFieldsFragment[];
  /** The viewer's own account: no "Sign out everywhere", and this device keeps its session. */
  own: boolean;
}) {
  const { t, formatDateTime } = useI18n();
  const message = useUserErrorMessage();
  const device = useDeviceLabel();
  const heading = useRef<HTMLHeadingElement>(null);
  const [revoke] = useMutation(AccountSessionsRevokeMutation);
  const [endAll, { loading: endingAll }] = useMutation(AccountSessionsSignOutEverywhereMutation, {
    refetchQueries: ['AccountDetailQuery'],
    awaitRefetchQueries: true,
  });
  const [revoking, setRevoking] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const headingId = `account-sessions-${account.id}`;

  const fail = (text: string) => notifications.show({ color: 'red', message: text, autoClose: 10000 });
  // the row's button or the whole list went away: the focus goes to the heading, not to the page's start
  const focusHeading = () => requestAnimationFrame(() => heading.current?.focus());

  async function onRevoke(session: AccountSessionFieldsFragment) {
    setRevoking(session.id);
    try {
      const { data } = await revoke({
        variables: { id: session.id },
        update: (cache, result) => {
          if (!result.data?.revokeSession.ok) return;
          cache.evict({ id: cache.identify({ __typename: 'Session', id: session.id }) }); // the list drops the dangling entry
          cache.gc();
        },
      });
      const e = data?.revokeSession.userErrors[0];
      if (e) fail(message(e));
      else {
        notifications.show({
          color: 'green',
          message: t('accountSessions.revoked', { device: device(session.userAgent), name: account.name }),
        });
        focusHeading();
      }
    } catch (err) {
      fail(t('common.error', { message: (err as Error).message }));
    } finally {
      setRevoking(null);
    }
  }

  async function onEndAll() {
    try {
      const { data } = await endAll({ variables: { accountId: account.id } });
      const e = data?.signOutEverywhere.userErrors[0];
      if (e) fail(message(e));
      else notifications.show({ color: 'green', message: t('accountSessions.everywhereDone', { name: account.name }) });
    } catch (err) {
      fail(t('common.error', { message: (err as Error).message }));
    }
    setConfirming(false);
    focusHeading();
  }

  return (
    <Stack gap="sm">
      <Title order={3} size="h5" id={headingId} ref={heading} tabIndex={-1}>
        {t('accountSessions.title')}
      </Title>
      {sessions.length === 0 ? (
        <Text size="sm" c="dimmed" role="status">
          {t('accountSessions.none', { name: account.name })}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby={headingId}>
          {sessions.map((session) => {
            const name = device(session.userAgent);
            const lastSeen = formatDateTime(session.lastSeenAt);
            return (
              <Paper component="li" key={session.id} withBorder p="sm">
                <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
                  <Stack gap={2} style={{ minWidth: 0, flex: '1 1 12rem' }}>
                    <Group gap="xs" wrap="wrap">
                      <Text fw={600} size="sm" title={session.userAgent ?? undefined} style={{ overflowWrap: 'anywhere' }}>
                        {name}
                      </Text>
                      {session.current && (
                        <Badge color="green" variant="light" tt="none">
                          {t('accountSessions.yourDevice')}
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('accountSessions.address', { address: session.clientAddress ?? t('signInLog.unknownAddress') })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('accountSessions.started', { date: formatDateTime(session.createdAt) })}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('accountSessions.lastActive', { date: lastSeen })}
                    </Text>
                  </Stack>
                  {!session.current && (
                    <Button
                      size="xs"
                      variant="default"
                      loading={revoking === session.id}
                      onClick={() => void onRevoke(session)}
                      aria-label={t('accountSessions.revokeLabel', { device: name, date: lastSeen })}
                    >
                      {t('accountSessions.revoke')}
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      {own ? (
        <Text size="sm" c="dimmed">
          {t('accountSessions.ownHint')}
        </Text>
      ) : (
        sessions.length > 0 && (
          <Group justify="flex-end">
            <Button color="red" variant="light" onClick={() => setConfirming(true)}>
              {t('accountSessions.everywhere')}
            </Button>
          </Group>
        )
      )}
      {confirming && (
        <ConfirmDialog
          title={t('accountSessions.everywhereTitle', { name: account.name })}
          message={t('accountSessions.everywhereConfirm', { name: account.name })}
          confirmLabel={t('accountSessions.everywhere')}
          loading={endingAll}
          onConfirm={() => void onEndAll()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </Stack>
  );
}
