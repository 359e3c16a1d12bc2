import { useMutation } from '@apollo/client/react';
import { Button, Group, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { LANGUAGES } from '../../app/i18n/I18nProvider';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { StaffRole } from '../../gql/graphql';
import { FormError } from '../../ui/FormError';
import { errorsByField } from '../../ui/userErrors';

export const CreateAccountMutation = graphql(`
  mutation CreateAccountFormMutation($input: CreateAccountInput!) {
    createAccount(input: $input) {
      account {
        id
        email
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Field = 'firstName' | 'lastName' | 'email' | 'password' | 'language' | 'staffRole';
const CUSTOMER = 'CUSTOMER';

/** Staff ADMIN: an account without an invitation (provider staff, or a contact added by hand). */
export function CreateAccountForm({ onCreated }: { onCreated?: () => void }) {
  const { t } = useI18n();
  const empty = { firstName: '', lastName: '', email: '', password: '', language: 'en', staffRole: CUSTOMER };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [create, { loading }] = useMutation(CreateAccountMutation, { refetchQueries: ['AccountListQuery'] });
  const set = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    if (!values.firstName.trim()) next.firstName = t('invite.nameRequired');
    if (!values.lastName.trim()) next.lastName = t('invite.nameRequired');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) next.email = t('invite.emailInvalid');
    if (values.password.length < 12) next.password = t('accept.tooShort');
    setErrors(next);
    if (Object.keys(next).length) return;
    try {
      const { data } = await create({
        variables: {
          input: {
            firstName: values.firstName.trim(),
            lastName: values.lastName.trim(),
            email: values.email.trim(),
            password: values.password,
            language: values.language,
            staffRole: values.staffRole === CUSTOMER ? null : (values.staffRole as StaffRole),
          },
        },
      });
      const userErrors = data?.createAccount.userErrors ?? [];
      if (userErrors.length) {
        const mapped: Partial<Record<Field | 'form', string>> = {};
        for (const [field, e] of errorsByField(userErrors)) mapped[field && field in empty ? (field as Field) : 'form'] = e.message;
        setErrors(mapped);
        return;
      }
      notifications.show({ color: 'green', message: `${data!.createAccount.account!.email}: ${t('common.saved')}` });
      setValues(empty);
      onCreated?.();
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError message={errors.form} />
        <Group grow align="flex-start">
          <TextInput
            label={t('invite.firstName')}
            required
            value={values.firstName}
            onChange={(e) => set('firstName')(e.currentTarget.value)}
            error={errors.firstName}
          />
          <TextInput
            label={t('invite.lastName')}
            required
            value={values.lastName}
            onChange={(e) => set('lastName')(e.currentTarget.value)}
            error={errors.lastName}
          />
        </Group>
        <TextInput
          label={t('invite.email')}
          type="email"
          required
          value={values.email}
          onChange={(e) => set('email')(e.currentTarget.value)}
          error={errors.email}
        />
        <PasswordInput
          label={t('staff.password')}
          required
          autoComplete="new-password"
          value={values.password}
          onChange={(e) => set('password')(e.currentTarget.value)}
          error={errors.password}
          aria-invalid={errors.password ? true : undefined}
        />
        <Group grow align="flex-start">
          <Select
            label={t('invite.language')}
            data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
            value={values.language}
            onChange={(v) => v && set('language')(v)}
            allowDeselect={false}
          />
          <Select
            label={t('staff.staffRole')}
            data={[
              { value: CUSTOMER, label: t('staff.customer') },
              { value: 'AGENT', label: 'AGENT' },
              { value: 'ADMIN', label: 'ADMIN' },
            ]}
            value={values.staffRole}
            onChange={(v) => v && set('staffRole')(v)}
            error={errors.staffRole}
            allowDeselect={false}
          />
        </Group>
        <Group>
          <Button type="submit" loading={loading}>
            {t('staff.createAccount')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
