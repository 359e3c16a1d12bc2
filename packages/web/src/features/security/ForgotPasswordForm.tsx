import { useMutation } from '@apollo/client/react';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { EMAIL } from '../auth/SignInForm';
import { ANNOUNCED } from './newPassword';

export const ForgotPasswordMutation = graphql(`
  mutation ForgotPasswordFormMutation($email: String!) {
    requestPasswordReset(email: $email) {
      ok
    }
  }
`);

/**
 * Asks for a reset link. The answer is the same whether or not the email has an account
 * (account-security.md), so the confirmation says "if".
 */
export function ForgotPasswordForm() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [request, { loading }] = useMutation(ForgotPasswordMutation);
  const confirmation = useRef<HTMLDivElement>(null);

  // the form is gone: the focus goes to what replaced it, so a screen reader reads it
  useEffect(() => {
    if (sentTo) confirmation.current?.focus();
  }, [sentTo]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const address = email.trim();
    if (!EMAIL.test(address)) return setEmailError(t('signIn.emailInvalid'));
    setEmailError(null);
    try {
      await request({ variables: { email: address } });
      setSentTo(address);
    } catch (error) {
      const code = graphqlErrorCode(error);
      if (code === 'RATE_LIMITED') setFormError(t('forgot.rateLimited'));
      else if (code === 'INVALID_INPUT') setEmailError(t('signIn.emailInvalid'));
      else setFormError(t('common.error', { message: (error as Error).message }));
    }
  }

  const backToSignIn = (
    <Anchor component={Link} to="/signin" size="sm">
      {t('forgot.backToSignIn')}
    </Anchor>
  );

  if (sentTo)
    return (
      <Stack>
        <Title order={1} size="h2">
          {t('forgot.title')}
        </Title>
        <Alert color="green" role="status" title={t('forgot.sentTitle')} ref={confirmation} tabIndex={-1}>
          {t('forgot.sent', { email: sentTo })}
        </Alert>
        {backToSignIn}
      </Stack>
    );

  return (
    <Stack>
      <Title order={1} size="h2">
        {t('forgot.title')}
      </Title>
      <Text size="sm">{t('forgot.intro')}</Text>
      <form onSubmit={submit} noValidate aria-label={t('forgot.title')}>
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
            errorProps={ANNOUNCED}
            autoFocus
          />
          <Button type="submit" loading={loading}>
            {t('forgot.submit')}
          </Button>
        </Stack>
      </form>
      {backToSignIn}
    </Stack>
  );
}
