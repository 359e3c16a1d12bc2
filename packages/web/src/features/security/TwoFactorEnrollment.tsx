import { useMutation } from '@apollo/client/react';
import { Button, Code, CopyButton, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { ANNOUNCED } from './newPassword';
import { QrCode } from './QrCode';
import { RecoveryCodes } from './RecoveryCodes';

export const BeginEnrollmentMutation = graphql(`
  mutation TwoFactorEnrollmentBeginMutation($challenge: String) {
    beginTwoFactorEnrollment(challenge: $challenge) {
      enrollment {
        secret
        otpauthUri
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const ConfirmEnrollmentMutation = graphql(`
  mutation TwoFactorEnrollmentConfirmMutation($code: String!, $challenge: String) {
    confirmTwoFactorEnrollment(code: $code, challenge: $challenge) {
      recoveryCodes
      token
      account {
        id
        twoFactorEnabled
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** A TOTP code as typed: spaces and dashes some apps show are no part of it. */
export const totpCode = (typed: string) => typed.replace(/[\s-]/g, '');
export const TOTP = /^\d{6}$/;

/** The secret in groups of four, as authenticator apps show it when typed in. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Turns two-step sign-in on: a new secret (QR code and text), its first code, then the recovery
 * codes shown once. With `challenge` it is the enrolment a company requires during sign-in.
 */
export function TwoFactorEnrollment({
  challenge,
  onDone,
  onRestart,
  onCancel,
  headingOrder = 2,
}: {
  challenge?: string;
  /** The recovery codes are saved (with a challenge: the session is there too). */
  onDone: () => void;
  /** The challenge expired or was used: the sign-in starts over. */
  onRestart?: (message: string) => void;
  onCancel?: () => void;
  headingOrder?: 2 | 4;
}) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [begin] = useMutation(BeginEnrollmentMutation);
  const [confirm, { loading }] = useMutation(ConfirmEnrollmentMutation);
  const [enrollment, setEnrollment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const started = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const failure = (e: unknown) =>
    graphqlErrorCode(e) === 'RATE_LIMITED' ? t('error.RATE_LIMITED') : t('common.error', { message: (e as Error).message });

  function dead(errorCode: string) {
    if (errorCode !== 'INVALID_TOKEN' && errorCode !== 'TOKEN_EXPIRED') return false;
    if (onRestart) onRestart(t('twoStep.expired'));
    else setFormError(t('twoStep.expired'));
    return true;
  }

  // one secret per visit (StrictMode runs effects twice: the ref keeps it to one request)
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    begin({ variables: { challenge: challenge ?? null } })
      .then(({ data }) => {
        const payload = data?.beginTwoFactorEnrollment;
        const error = payload?.userErrors[0];
        if (error) {
          if (!dead(error.code)) setFormError(error.code === 'CONFLICT' ? t('twoStep.alreadyOn') : message(error));
        } else if (payload?.enrollment) setEnrollment(payload.enrollment);
      })
      .catch((e: unknown) => setFormError(failure(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (enrollment) heading.current?.focus();
  }, [enrollment]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    const typed = totpCode(code);
    if (!TOTP.test(typed)) return setCodeError(t('twoStep.codeFormat'));
    setCodeError(null);
    try {
      const { data } = await confirm({ variables: { code: typed, challenge: challenge ?? null } });
      const payload = data?.confirmTwoFactorEnrollment;
      const error = payload?.userErrors[0];
      if (error) {
        if (dead(error.code)) return;
        if (error.code === 'INVALID_CODE') setCodeError(t('twoStep.wrongCode'));
        else setFormError(error.code === 'CONFLICT' ? t('twoStep.alreadyOn') : message(error));
        return;
      }
      setCodes(payload?.recoveryCodes ?? []);
    } catch (e) {
      setFormError(failure(e));
    }
  }

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} headingOrder={headingOrder} />;

  return (
    <Stack>
      <Title order={headingOrder} size="h4" ref={heading} tabIndex={-1}>
        {t('twoStep.setUpTitle')}
      </Title>
      {challenge && <Text size="sm">{t('twoStep.required')}</Text>}
      <FormError message={formError} />
      {!enrollment && !formError && <Loader size="sm" aria-label={t('twoStep.preparing')} />}
      {enrollment && (
        <form onSubmit={submit} noValidate aria-label={t('twoStep.setUpTitle')}>
          <Stack>
            <Text size="sm">{t('twoStep.scan')}</Text>
            <QrCode value={enrollment.otpauthUri} label={t('twoStep.qrLabel')} />
            <Text size="sm">{t('twoStep.cannotScan')}</Text>
            <Group gap="xs">
              <Code fz="md" data-testid="totp-secret" aria-label={t('twoStep.secretLabel')}>
                {grouped(enrollment.secret)}
              </Code>
              <CopyButton value={enrollment.secret}>
                {({ copied, copy }) => (
                  <Button variant="default" size="xs" onClick={copy}>
                    {copied ? t('twoStep.copied') : t('twoStep.copySecret')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <TextInput
              label={t('twoStep.enrolCode')}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={codeError}
              errorProps={ANNOUNCED}
            />
            <Group justify="flex-end">
              {onCancel && (
                <Button variant="default" onClick={onCancel}>
                  {t('common.cancel')}
                </Button>
              )}
              <Button type="submit" loading={loading}>
                {t('twoStep.turnOn')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

export default TwoFactorEnrollment;
