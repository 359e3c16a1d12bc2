import { useMutation } from '@apollo/client/react';
import { Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { LANGUAGES } from '../../app/i18n/I18nProvider';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { Role, StaffRole } from '../../gql/graphql';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { NAME_MAX, nameProblem } from '../../ui/nameProblem';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { errorsByField } from '../../ui/userErrors';
import { CompanyPicker } from '../companies/CompanyPicker';

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

type Field = 'firstName' | 'lastName' | 'email' | 'language' | 'staffRole' | 'companyId' | 'role';
const FIELDS: readonly Field[] = ['firstName', 'lastName', 'email', 'language', 'staffRole', 'companyId', 'role'];
const CUSTOMER = 'CUSTOMER';
const ROLES: Role[] = ['MEMBER', 'MODERATOR', 'ADMINISTRATOR'];
const STAFF_ROLES: StaffRole[] = ['AGENT', 'ADMIN'];

/**
 * Staff ADMIN: an account without an invitation (provider staff, or a contact added by hand), for a
 * contact with its company and role in the same step. Nobody types a password for someone else:
 * the server mails the person a link to choose one (valid 7 days).
 */
export function CreateAccountForm({ onCreated, onCancel }: { onCreated?: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const empty = {
    firstName: '',
    lastName: '',
    email: '',
    language: 'en',
    staffRole: CUSTOMER,
    companyId: null as string | null,
    role: 'MEMBER',
  };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [create, { loading }] = useMutation(CreateAccountMutation, { refetchQueries: ['AccountListQuery'] });
  const set = <K extends keyof typeof empty>(field: K, value: (typeof empty)[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const customer = values.staffRole === CUSTOMER;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    const first = nameProblem(values.firstName, t);
    const last = nameProblem(values.lastName, t);
    if (first) next.firstName = first;
    if (last) next.lastName = last;
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) next.email = t('invite.emailInvalid');
    setErrors(next);
    if (Object.keys(next).length) return;
    const email = values.email.trim();
    try {
      const { data } = await create({
        variables: {
          input: {
            firstName: values.firstName.trim(),
            lastName: values.lastName.trim(),
            email,
            language: values.language,
            staffRole: customer ? null : (values.staffRole as StaffRole),
            companyId: customer ? values.companyId : null,
            role: customer && values.companyId ? (values.role as Role) : null,
          },
        },
      });
      const userErrors = data?.createAccount.userErrors ?? [];
      if (userErrors.length) {
        const mapped: Partial<Record<Field | 'form', string>> = {};
        for (const [field, e] of errorsByField(userErrors)) {
          const key = field && (FIELDS as readonly string[]).includes(field) ? (field as Field) : 'form';
          mapped[key] = e.code === 'CONFLICT' && key === 'email' ? t('createAccount.emailTaken') : message(e);
        }
        setErrors(mapped);
        return;
      }
      notifications.show({ color: 'green', message: t('createAccount.created', { email }) });
      setValues(empty);
      onCreated?.();
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('staff.createAccount')}>
      <Stack>
        <FormError message={errors.form} />
        <Group grow align="flex-start">
          <TextInput
            label={t('invite.firstName')}
            required
            value={values.firstName}
            onChange={(e) => set('firstName', e.currentTarget.value)}
            error={errors.firstName}
            description={t('validation.nameHint', { max: NAME_MAX })}
            data-autofocus
          />
          <TextInput
            label={t('invite.lastName')}
            required
            value={values.lastName}
            onChange={(e) => set('lastName', e.currentTarget.value)}
            error={errors.lastName}
          />
        </Group>
        <TextInput
          label={t('invite.email')}
          type="email"
          required
          value={values.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={errors.email}
          description={t('createAccount.linkHint')}
        />
        <Group grow align="flex-start">
          <Select
            label={t('profile.language')}
            data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
            value={values.language}
            onChange={(v) => v && set('language', v)}
            allowDeselect={false}
            error={errors.language}
          />
          <Select
            label={t('accounts.kind')}
            data={[
              { value: CUSTOMER, label: t('staff.customer') },
              ...STAFF_ROLES.map((r) => ({ value: r, label: t('accounts.staffRole', { role: t(`staffRole.${r}`) }) })),
            ]}
            value={values.staffRole}
            onChange={(v) => v && set('staffRole', v)}
            error={errors.staffRole}
            allowDeselect={false}
          />
        </Group>
        {customer && (
          <Group grow align="flex-start">
            <CompanyPicker
              label={t('common.company')}
              description={t('createAccount.companyHint')}
              placeholder={t('createAccount.noCompany')}
              value={values.companyId}
              onChange={(id) => set('companyId', id)}
              error={errors.companyId}
              clearable
            />
            <Select
              label={t('people.role')}
              description={t(`invite.roleHint.${values.role as Role}`)}
              data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              value={values.role}
              onChange={(v) => v && set('role', v)}
              disabled={!values.companyId}
              error={errors.role}
              allowDeselect={false}
            />
          </Group>
        )}
        <Text size="sm" c="dimmed">
          {t('createAccount.mailNote')}
        </Text>
        <FormActions submitLabel={t('staff.createAccount')} loading={loading} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
