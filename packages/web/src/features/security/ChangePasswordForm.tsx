import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormError } from '../../ui/FormError';
import { graphqlErrorCode } from '../../ui/graphqlErrorCode';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { NewPasswordFields } from './NewPasswordFields';
import { ANNOUNCED, newPasswordProblems } from './newPassword';

export const ChangePasswordMutation = graphql(`
  mutation ChangePasswordFormMutation($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      ok
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Errors = { current?: string; password?: string; repeat?: string; form?: string };

/** The current password proves it is the owner; the server then ends every other session. */
export function ChangePasswordForm({ viewer }: { viewer: { id: string; email: string } }) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const client = useApolloClient();
  const [change, { loading }] = useMutation(ChangePasswordMutation);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Errors = { ...newPasswordProblems(password, repeat, t) };
    if (!current) problems.current = t('common.required');
    setErrors(problems);
    if (problems.current || problems.password || problems.repeat) return;
    try {
      const { data } = await change({ variables: { currentPassword: current, newPassword: password } });
      const error = data?.changePassword.userErrors[0];
      if (error) {
        if (error.code === 'INVALID_CREDENTIALS') setErrors({ current: t('security.wrongCurrent') });
        else if (error.code === 'INVALID_INPUT' && error.field?.includes('newPassword')) setErrors({ password: error.message });
        else setErrors({ form: message(error) });
        return;
      }
      // the server ended every other session: the list keeps only this one
      client.cache.modify({
        id: client.cache.identify({ __typename: 'Account', id: viewer.id }),
        fields: {
          sessions: (list: readonly object[] | null, { readField }) =>
            list && list.filter((session) => readField('current', session as never)),
        },
      });
      setCurrent('');
      setPassword('');
      setRepeat('');
      notifications.show({ color: 'green', message: t('security.changed') });
    } catch (e) {
      const code = graphqlErrorCode(e);
      setErrors({ form: code === 'RATE_LIMITED' ? t('error.RATE_LIMITED') : t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="change-password-heading">
      <Stack>
        <Title order={3} size="h4" id="change-password-heading">
          {t('security.changePassword')}
        </Title>
        <FormError message={errors.form} />
        {/* for password managers: which account the new password belongs to */}
        <input type="email" name="username" autoComplete="username" value={viewer.email} readOnly hidden />
        <PasswordInput
          label={t('security.currentPassword')}
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={errors.current}
          aria-invalid={errors.current ? true : undefined}
          errorProps={ANNOUNCED}
        />
        <NewPasswordFields password={password} repeat={repeat} onPassword={setPassword} onRepeat={setRepeat} errors={errors} />
        <Group justify="flex-end">
          <Button type="submit" loading={loading}>
            {t('security.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
