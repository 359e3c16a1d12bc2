import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Loader, Modal, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { ANNOUNCED } from './newPassword';

// the enrolment brings the QR code library: loaded when someone sets it up
const TwoFactorEnrollment = lazy(() => import('./TwoFactorEnrollment'));

export const TwoFactorSettingsQuery = graphql(`
  query TwoFactorSettingsQuery {
    viewer {
      id
      twoFactorEnabled
    }
  }
`);

export const DisableTwoFactorMutation = graphql(`
  mutation TwoFactorSettingsDisableMutation($password: String!) {
    disableTwoFactor(password: $password) {
      ok
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** The profile's "Two-step sign-in" block: set it up (QR code, recovery codes), or turn it off with the password. */
export function TwoFactorSettings() {
  const { t } = useI18n();
  const query = useQuery(TwoFactorSettingsQuery);
  const [settingUp, setSettingUp] = useState(false);
  const [turningOff, setTurningOff] = useState(false);
  const viewer = query.data?.viewer;

  return (
    <Stack>
      <Title order={3} size="h4" id="two-step-heading">
        {t('twoStep.settingsTitle')}
      </Title>
      {settingUp ? (
        <Suspense fallback={<Loader size="sm" />}>
          <TwoFactorEnrollment headingOrder={4} onDone={() => setSettingUp(false)} onCancel={() => setSettingUp(false)} />
        </Suspense>
      ) : viewer?.twoFactorEnabled ? (
        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Badge color="green" variant="light">
              {t('twoStep.on')}
            </Badge>
            <Text size="sm">{t('twoStep.onText')}</Text>
          </Group>
          <Button variant="default" color="red" onClick={() => setTurningOff(true)}>
            {t('twoStep.turnOff')}
          </Button>
        </Group>
      ) : viewer ? (
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">{t('twoStep.offText')}</Text>
          <Button onClick={() => setSettingUp(true)}>{t('twoStep.setUp')}</Button>
        </Group>
      ) : null}
      {turningOff && viewer && <TurnOffDialog accountId={viewer.id} onClose={() => setTurningOff(false)} />}
    </Stack>
  );
}

function TurnOffDialog({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [disable, { loading }] = useMutation(DisableTwoFactorMutation);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ password?: string; form?: string }>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return setErrors({ password: t('common.required') });
    try {
      const { data } = await disable({
        variables: { password },
        update: (cache, result) => {
          if (!result.data?.disableTwoFactor.ok) return;
          cache.modify({ id: cache.identify({ __typename: 'Account', id: accountId }), fields: { twoFactorEnabled: () => false } });
        },
      });
      const error = data?.disableTwoFactor.userErrors[0];
      if (!error) {
        notifications.show({ color: 'green', message: t('twoStep.turnedOff') });
        return onClose();
      }
      if (error.code === 'INVALID_CREDENTIALS') setErrors({ password: t('twoStep.wrongPassword') });
      else if (error.code === 'FORBIDDEN') setErrors({ form: t('twoStep.requiredByPolicy') });
      else setErrors({ form: message(error) });
    } catch (e) {
      setErrors({
        form: graphqlErrorCode(e) === 'RATE_LIMITED' ? t('error.RATE_LIMITED') : t('common.error', { message: (e as Error).message }),
      });
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('twoStep.turnOffTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('twoStep.turnOffText')}</Text>
          <FormError message={errors.form} />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            aria-invalid={errors.password ? true : undefined}
            errorProps={ANNOUNCED}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={loading}>
              {t('twoStep.turnOff')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
