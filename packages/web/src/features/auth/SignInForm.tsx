import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Loader, PasswordInput, Stack, TextInput } from '@mantine/core';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import type { SecondFactor } from './SecondFactorStep';

// the second step (with the QR code library) is loaded only when a sign-in needs it
const SecondFactorStep = lazy(() => import('./SecondFactorStep'));

export const SignInMutation = graphql(`
  mutation SignInFormMutation($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
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

/** A plausible email address: the server has the last word. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({
  onSignedIn,
  onSecondStep,
}: {
  onSignedIn: () => void;
  /** The password was right and a second step follows (true), or the sign-in starts over (false). */
  onSecondStep?: (active: boolean) => void;
}) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [secondFactor, setSecondFactor] = useState<SecondFactor | null>(null);
  const [signIn, { loading }] = useMutation(SignInMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!EMAIL.test(email.trim())) {
      setEmailError(t('signIn.emailInvalid'));
      return;
    }
    setEmailError(null);
    try {
      const { data } = await signIn({ variables: { email: email.trim(), password } });
      const errors = data?.signIn.userErrors ?? [];
      if (errors.length > 0) {
        const code = errors[0].code;
        setFormError(
          code === 'RATE_LIMITED'
            ? t('signIn.rateLimited')
            : code === 'INVALID_CREDENTIALS'
              ? t('signIn.invalid')
              : code === 'ACCOUNT_DISABLED'
                ? t('signIn.disabled')
                : errors[0].message,
        );
        return;
      }
      if (data?.signIn.secondFactor) {
        setSecondFactor(data.signIn.secondFactor);
        onSecondStep?.(true);
        setPassword('');
        return;
      }
      await client.resetStore(); // everything cached so far was read as someone else
      onSignedIn();
    } catch (error) {
      setFormError(t('common.error', { message: (error as Error).message }));
    }
  }

  if (secondFactor)
    return (
      <Suspense fallback={<Loader size="sm" />}>
        <SecondFactorStep
          secondFactor={secondFactor}
          onSignedIn={onSignedIn}
          onRestart={(message) => {
            setSecondFactor(null);
            onSecondStep?.(false);
            setFormError(message);
          }}
        />
      </Suspense>
    );

  return (
    <form onSubmit={submit} noValidate aria-label={t('signIn.title')}>
      <Stack>
        <FormError message={formError} />
        <TextInput
          label={t('signIn.email')}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={emailError}
          autoFocus
        />
        <PasswordInput
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" loading={loading}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
