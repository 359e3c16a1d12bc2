import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { LANGUAGES, supportedLanguage } from '../../app/i18n/I18nProvider';
import { useI18n } from '../../app/i18n/useI18n';
import { FormError } from '../../ui/FormError';
import { NAME_MAX, nameProblem } from '../../ui/nameProblem';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { formErrors } from '../../ui/userErrors';
import type { Viewer } from '../auth/useViewer';
import { useUpdateViewer } from './useUpdateViewer';

const FIELDS = ['firstName', 'lastName', 'language'] as const;
type Field = (typeof FIELDS)[number];

/** The signed-in person's own names and language (the email is not changeable). */
export function ProfileForm({ viewer }: { viewer: Viewer }) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [values, setValues] = useState({
    firstName: viewer.firstName,
    lastName: viewer.lastName,
    language: supportedLanguage(viewer.language) ?? 'en',
  });
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [update, { loading }] = useUpdateViewer();
  const set = (field: Field, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    const first = nameProblem(values.firstName, t);
    const last = nameProblem(values.lastName, t);
    if (first) next.firstName = first;
    if (last) next.lastName = last;
    setErrors(next);
    if (first || last) return;
    try {
      const input = { firstName: values.firstName.trim(), lastName: values.lastName.trim(), language: values.language };
      const { data } = await update({ variables: { input } });
      const userErrors = data?.updateViewer.userErrors ?? [];
      if (userErrors.length) return setErrors(formErrors(userErrors, FIELDS, message));
      notifications.show({ color: 'green', message: t('profile.saved') });
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="profile-heading">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="profile-heading">
            {t('profile.details')}
          </Title>
          <FormError message={errors.form} />
          <TextInput label={t('people.email')} value={viewer.email} readOnly description={t('profile.emailFixed')} />
          <TextInput
            label={t('invite.firstName')}
            required
            value={values.firstName}
            onChange={(e) => set('firstName', e.currentTarget.value)}
            error={errors.firstName}
            description={t('validation.nameHint', { max: NAME_MAX })}
          />
          <TextInput
            label={t('invite.lastName')}
            required
            value={values.lastName}
            onChange={(e) => set('lastName', e.currentTarget.value)}
            error={errors.lastName}
          />
          <Select
            label={t('profile.language')}
            data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
            value={values.language}
            onChange={(v) => v && set('language', v)}
            allowDeselect={false}
            error={errors.language}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={loading}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
