import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import { QueryState } from '../../ui/QueryState';
import { PasswordStrengthHint } from './PasswordStrengthHint';

export const AcceptInvitationPreviewQuery = graphql(`
  query AcceptInvitationPreviewQuery($token: String!) {
    invitationPreview(token: $token) {
      companyName
      role
      inviterName
      email
      firstName
      lastName
      language
      status
      expiresAt
      existingAccount
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitationMutation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      account {
        id
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Dead = 'INVITATION_INVALID' | 'INVITATION_EXPIRED';

/** The page an invitation email links to: shows the offer, sets or proves the password, signs in. */
export function AcceptInvitation({ token, onAccepted }: { token: string | null; onAccepted: () => void }) {
  const { t, formatDateTime, language, propose } = useI18n();
  const client = useApolloClient();
  const preview = useQuery(AcceptInvitationPreviewQuery, { variables: { token: token ?? '' }, skip: !token, fetchPolicy: 'network-only' });
  // the page speaks the invitation's language (the inviter chose it for this person), once, unless
  // the person switched the language while it loaded; switching afterwards is theirs to do
  const invitationLanguage = preview.data?.invitationPreview?.language ?? null;
  const openedIn = useRef(language);
  const proposed = useRef(false);
  useEffect(() => {
    if (!invitationLanguage || proposed.current) return;
    proposed.current = true;
    if (language === openedIn.current) propose(invitationLanguage);
  }, [invitationLanguage, language, propose]);
  const [accept, { loading: accepting }] = useMutation(AcceptInvitationMutation);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [dead, setDead] = useState<Dead | null>(null);

  if (!token) return <DeadLink title={t('accept.noToken')} next={t('accept.invalidNext')} />;
  if (preview.loading || preview.error) return <QueryState query={preview} />;
  const offer = preview.data?.invitationPreview ?? null;
  const state: Dead | null = dead ?? (!offer ? 'INVITATION_INVALID' : offer.status === 'EXPIRED' ? 'INVITATION_EXPIRED' : null);
  if (state === 'INVITATION_INVALID' || !offer) return <DeadLink title={t('accept.invalid')} next={t('accept.invalidNext')} />;
  if (state === 'INVITATION_EXPIRED') return <DeadLink title={t('accept.expired')} next={t('accept.expiredNext')} />;

  const role = t(`role.${offer.role}`);
  const isNew = !offer.existingAccount;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    setPasswordError(null);
    setConfirmError(null);
    if (isNew) {
      if (password.length < 12) return setPasswordError(t('accept.tooShort'));
      if (password !== confirm) return setConfirmError(t('accept.mismatch'));
    } else if (!password) {
      return setPasswordError(t('common.required'));
    }
    try {
      const { data } = await accept({ variables: { input: { token: token!, password } } });
      const error = data?.acceptInvitation.userErrors[0];
      if (!error) {
        await client.clearStore(); // nothing cached so far was read as the new account; the next page fetches afresh
        onAccepted();
        return;
      }
      switch (error.code) {
        case 'INVITATION_INVALID':
        case 'INVITATION_EXPIRED':
          setDead(error.code);
          break;
        case 'INVALID_CREDENTIALS':
          setPasswordError(`${t('accept.wrongPassword')} ${t('accept.wrongPasswordNext')}`);
          break;
        case 'INVALID_INPUT':
          if (error.field?.includes('password')) setPasswordError(error.message);
          else setFormError(error.message);
          break;
        case 'FORBIDDEN':
          setFormError(t('accept.forbidden'));
          break;
        default:
          setFormError(t('error.generic', { message: error.message }));
      }
    } catch (e) {
      setFormError(t('common.error', { message: (e as Error).message }));
    }
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('accept.title', { company: offer.companyName })}
      </Title>
      <Text>
        {offer.inviterName
          ? t('accept.offer', { inviter: offer.inviterName, company: offer.companyName, role })
          : t('accept.offerNoInviter', { company: offer.companyName, role })}
      </Text>
      <Text size="sm" c="dimmed">
        {t('accept.as', { name: `${offer.firstName} ${offer.lastName}`, email: offer.email, date: formatDateTime(offer.expiresAt) })}
      </Text>
      <FormError message={formError} />
      <form onSubmit={submit} noValidate>
        <Stack>
          {!isNew && <Text>{t('accept.existingIntro', { email: offer.email })}</Text>}
          <input type="email" name="username" autoComplete="username" value={offer.email} readOnly hidden />
          <PasswordInput
            label={isNew ? t('accept.newPassword') : t('accept.existingPassword')}
            autoComplete={isNew ? 'new-password' : 'current-password'}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={passwordError}
            aria-invalid={passwordError ? true : undefined}
            aria-describedby={isNew ? 'password-strength' : undefined}
          />
          {isNew && <PasswordStrengthHint password={password} id="password-strength" />}
          {isNew && (
            <PasswordInput
              label={t('accept.confirm')}
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.currentTarget.value)}
              error={confirmError}
              aria-invalid={confirmError ? true : undefined}
            />
          )}
          <Button type="submit" loading={accepting}>
            {t('accept.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}

function DeadLink({ title, next }: { title: string; next: string }) {
  const { t } = useI18n();
  return (
    <Stack>
      <Alert color="orange" role="alert" title={title}>
        {next}
      </Alert>
      <Anchor component={Link} to="/signin">
        {t('accept.goSignIn')}
      </Anchor>
    </Stack>
  );
}
