import { useApolloClient, useMutation } from '@apollo/client/react';
import { Anchor, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { ANNOUNCED } from '../security/newPassword';
import { TOTP, totpCode, TwoFactorEnrollment } from '../security/TwoFactorEnrollment';

export const CompleteSignInMutation = graphql(`
  mutation SecondFactorStepMutation($challenge: String!, $code: String!) {
    completeSignIn(challenge: $challenge, code: $code) {
      token
      account {
        id
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export interface SecondFactor {
  challenge: string;
  enrollmentRequired: boolean;
}

/**
 * The second step after a right password (sign-in or reset): a code from the authenticator app or
 * a recovery code, or the enrolment the company requires. Loaded only when a sign-in needs it.
 */
export function SecondFactorStep({
  secondFactor,
  onSignedIn,
  onRestart,
}: {
  secondFactor: SecondFactor;
  onSignedIn: () => void;
  /** The challenge expired or was used up: back to the password, with this message. */
  onRestart: (message: string) => void;
}) {
  const client = useApolloClient();
  async function signedIn() {
    await client.resetStore(); // everything cached so far was read as nobody
    onSignedIn();
  }
  if (secondFactor.enrollmentRequired)
    return <TwoFactorEnrollment challenge={secondFactor.challenge} onDone={() => void signedIn()} onRestart={onRestart} />;
  return <CodeForm challenge={secondFactor.challenge} onSignedIn={signedIn} onRestart={onRestart} />;
}

function CodeForm({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: string;
  onSignedIn: () => Promise<void>;
  onRestart: (message: string) => void;
}) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [complete, { loading }] = useMutation(CompleteSignInMutation);
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const typed = recovery ? code.trim().toLowerCase() : totpCode(code);
    if (recovery ? typed === '' : !TOTP.test(typed)) return setCodeError(t(recovery ? 'common.required' : 'twoStep.codeFormat'));
    setCodeError(null);
    try {
      const { data } = await complete({ variables: { challenge, code: typed } });
      const error = data?.completeSignIn.userErrors[0];
      if (!error) return await onSignedIn();
      if (error.code === 'INVALID_TOKEN' || error.code === 'TOKEN_EXPIRED') onRestart(t('twoStep.expired'));
      else if (error.code === 'INVALID_CODE') setCodeError(t(recovery ? 'twoStep.wrongRecoveryCode' : 'twoStep.wrongCode'));
      else setFormError(error.code === 'RATE_LIMITED' ? t('signIn.rateLimited') : message(error));
    } catch (e) {
      const errorCode = graphqlErrorCode(e);
      setFormError(errorCode === 'RATE_LIMITED' ? t('signIn.rateLimited') : t('common.error', { message: (e as Error).message }));
    }
  }

  function toggle() {
    setRecovery(!recovery);
    setCode('');
    setCodeError(null);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="second-step-heading">
      <Stack>
        <Title order={2} size="h4" id="second-step-heading">
          {t('twoStep.title')}
        </Title>
        <Text size="sm">{t(recovery ? 'twoStep.recoveryIntro' : 'twoStep.codeIntro')}</Text>
        <FormError message={formError} />
        <TextInput
          // a new field for each kind of code: the focus lands in it
          key={recovery ? 'recovery' : 'totp'}
          label={t(recovery ? 'twoStep.recoveryCode' : 'twoStep.code')}
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete={recovery ? 'off' : 'one-time-code'}
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={codeError}
          errorProps={ANNOUNCED}
          autoFocus
        />
        <Group justify="space-between">
          <Anchor component="button" type="button" size="sm" onClick={toggle}>
            {t(recovery ? 'twoStep.useApp' : 'twoStep.useRecovery')}
          </Anchor>
          <Button type="submit" loading={loading}>
            {t('twoStep.verify')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default SecondFactorStep;
