import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, Loader, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import type { SecondFactor } from '../auth/SecondFactorStep';
import { NewPasswordFields } from './NewPasswordFields';
import { newPasswordProblems } from './newPassword';

const SecondFactorStep = lazy(() => import('../auth/SecondFactorStep'));

export const ResetPasswordMutation = graphql(`
  mutation ResetPasswordFormMutation($token: String!, $password: String!) {
    resetPassword(token: $token, password: $password) {
      account {
        id
      }
      secondFactor {
        challenge
        enrollmentRequired
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Dead = 'INVALID_TOKEN' | 'TOKEN_EXPIRED' | 'NO_TOKEN';

/**
 * The page a reset email links to: a new password, then signed in (the server ends every other session).
 * `welcome`: the link of a new account's "an account was created for you" mail (the same kind of token).
 */
export function ResetPasswordForm({
  token,
  welcome = false,
  onSignedIn,
}: {
  token: string | null;
  welcome?: boolean;
  onSignedIn: () => void;
}) {
  const { t } = useI18n();
  const title = t(welcome ? 'welcome.title' : 'reset.title');
  const message = useUserErrorMessage();
  const client = useApolloClient();
  const [reset, { loading }] = useMutation(ResetPasswordMutation);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ password?: string; repeat?: string; form?: string }>({});
  const [dead, setDead] = useState<Dead | null>(token ? null : 'NO_TOKEN');
  const [secondFactor, setSecondFactor] = useState<SecondFactor | null>(null);
  const [restart, setRestart] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = newPasswordProblems(password, repeat, t);
    setErrors(problems);
    if (problems.password || problems.repeat) return;
    try {
      const { data } = await reset({ variables: { token: token!, password } });
      const error = data?.resetPassword.userErrors[0];
      if (!error && data?.resetPassword.secondFactor) {
        // the password is set; the account signs in with its second step as well
        setSecondFactor(data.resetPassword.secondFactor);
        return;
      }
      if (!error) {
        await client.resetStore(); // everything cached so far was read as nobody: the viewer is read again
        onSignedIn();
        return;
      }
      if (error.code === 'INVALID_TOKEN' || error.code === 'TOKEN_EXPIRED') setDead(error.code);
      else if (error.code === 'INVALID_INPUT' && error.field?.includes('password')) setErrors({ password: error.message });
      else setErrors({ form: message(error) });
    } catch (e) {
      const code = graphqlErrorCode(e);
      setErrors({ form: code === 'RATE_LIMITED' ? t('error.RATE_LIMITED') : t('common.error', { message: (e as Error).message }) });
    }
  }

  if (restart)
    return (
      <Stack>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Alert color="orange" role="alert">
          {restart}
        </Alert>
        <Anchor component={Link} to="/signin">
          {t('twoStep.signInAgain')}
        </Anchor>
      </Stack>
    );

  if (secondFactor)
    return (
      <Stack>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Alert color="green" role="status">
          {t('twoStep.passwordSet')}
        </Alert>
        <Suspense fallback={<Loader size="sm" />}>
          <SecondFactorStep secondFactor={secondFactor} onSignedIn={onSignedIn} onRestart={setRestart} />
        </Suspense>
      </Stack>
    );

  if (dead)
    return (
      <Stack>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Alert color="orange" role="alert">
          {t(
            dead === 'INVALID_TOKEN'
              ? 'reset.invalid'
              : dead === 'TOKEN_EXPIRED'
                ? welcome
                  ? 'welcome.expired'
                  : 'reset.expired'
                : 'reset.noToken',
          )}
        </Alert>
        <Anchor component={Link} to="/password-reset">
          {t('reset.askAgain')}
        </Anchor>
      </Stack>
    );

  return (
    <Stack>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text size="sm">{t(welcome ? 'welcome.intro' : 'reset.intro')}</Text>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <FormError message={errors.form} />
          <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} errors={errors} />
          <Button type="submit" loading={loading}>
            {t('reset.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
