import { useMutation } from '@apollo/client/react';
import { Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { LANGUAGES, supportedLanguage } from '../../app/i18n/I18nProvider';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { errorsByField } from '../../ui/userErrors';

export const InviteDialogMutation = graphql(`
  mutation InviteDialogMutation($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      invitation {
        id
        email
        status
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Field = 'firstName' | 'lastName' | 'email' | 'language' | 'role';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROLES: Role[] = ['MEMBER', 'MODERATOR', 'ADMINISTRATOR'];

export function InviteDialog({
  company,
  opened,
  onClose,
  onInvited,
}: {
  company: { id: string; name: string };
  opened: boolean;
  onClose: () => void;
  onInvited: (email: string) => void;
}) {
  const { t, language: uiLanguage } = useI18n();
  const empty = { firstName: '', lastName: '', email: '', language: supportedLanguage(uiLanguage) ?? 'en', role: 'MEMBER' as Role };
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [invite, { loading }] = useMutation(InviteDialogMutation, { refetchQueries: ['InvitationListQuery'] });

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  function validate(): boolean {
    const next: Partial<Record<Field, string>> = {};
    for (const field of ['firstName', 'lastName'] as const) {
      const v = values[field].trim();
      if (v.length === 0 || v.length > 200) next[field] = t('invite.nameRequired');
    }
    if (!EMAIL.test(values.email.trim())) next.email = t('invite.emailInvalid');
    setErrors(next);
    return Object.keys(next).length === 0;
  }

  function close() {
    setValues(empty);
    setErrors({});
    setFormError(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (!validate()) return;
    const input = {
      companyId: company.id,
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      email: values.email.trim(),
      language: values.language,
      role: values.role,
    };
    try {
      const { data } = await invite({ variables: { input } });
      const userErrors = data?.inviteMember.userErrors ?? [];
      if (userErrors.length === 0) {
        onInvited(input.email);
        close();
        return;
      }
      const next: Partial<Record<Field, string>> = {};
      for (const [field, error] of errorsByField(userErrors)) {
        const message =
          error.code === 'CONFLICT'
            ? t('invite.conflict')
            : error.code === 'ALREADY_MEMBER'
              ? t('invite.alreadyMember')
              : error.code === 'FORBIDDEN'
                ? t('invite.forbidden')
                : error.code === 'MAIL_DELIVERY_FAILED'
                  ? t('invite.mailFailed')
                  : error.code === 'RATE_LIMITED'
                    ? t('invite.rateLimited')
                    : error.message;
        // CONFLICT and ALREADY_MEMBER are about the address, whatever path the server names
        const target = error.code === 'CONFLICT' || error.code === 'ALREADY_MEMBER' ? 'email' : field;
        if (target && target in values && target !== 'companyId') next[target as Field] = message;
        else setFormError(message);
      }
      setErrors(next);
    } catch (e) {
      setFormError(t('common.error', { message: (e as Error).message }));
    }
  }

  return (
    <Modal opened={opened} onClose={close} title={t('invite.title', { company: company.name })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={formError} />
          <Group grow align="flex-start">
            <TextInput
              label={t('invite.firstName')}
              required
              data-autofocus
              autoComplete="off"
              value={values.firstName}
              onChange={(e) => set('firstName')(e.currentTarget.value)}
              error={errors.firstName}
              maxLength={200}
            />
            <TextInput
              label={t('invite.lastName')}
              required
              autoComplete="off"
              value={values.lastName}
              onChange={(e) => set('lastName')(e.currentTarget.value)}
              error={errors.lastName}
              maxLength={200}
            />
          </Group>
          <TextInput
            label={t('invite.email')}
            type="email"
            required
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={errors.email}
          />
          <Group grow align="flex-start">
            <Select
              label={t('invite.language')}
              data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
              value={values.language}
              onChange={(v) => v && set('language')(v)}
              error={errors.language}
              allowDeselect={false}
            />
            <Select
              label={t('invite.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              value={values.role}
              onChange={(v) => v && set('role')(v)}
              error={errors.role}
              description={t(`invite.roleHint.${values.role}`)}
              allowDeselect={false}
            />
          </Group>
          <FormActions submitLabel={t('invite.submit')} loading={loading} onCancel={close} />
        </Stack>
      </form>
    </Modal>
  );
}
