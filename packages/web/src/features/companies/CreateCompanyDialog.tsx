import { useMutation } from '@apollo/client/react';
import { Fieldset, Modal, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { NAME_MAX, nameProblem } from '../../ui/nameProblem';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { formErrors, type UserErrorLike } from '../../ui/userErrors';
import { CompanyPicker } from './CompanyPicker';
import { DEFAULT_SETTINGS, settingLabel, SETTINGS, type SettingKey } from './companySettings';

export const CreateCompanyMutation = graphql(`
  mutation CreateCompanyDialogMutation($input: CreateCompanyInput!) {
    createCompany(input: $input) {
      company {
        id
        name
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Field = 'name' | 'parentId';

/** Staff ADMIN: a new customer company, independent or under a parent, with its settings. */
export function CreateCompanyDialog({
  defaultParentId,
  onClose,
  onCreated,
}: {
  defaultParentId: string | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(defaultParentId);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [create, { loading }] = useMutation(CreateCompanyMutation, {
    refetchQueries: ['CompanyTreeQuery', 'CompanyTreeChildrenQuery', 'VisibleCompaniesQuery', 'CompanyPickerQuery'],
    awaitRefetchQueries: true,
  });

  const text = (e: UserErrorLike) =>
    e.code === 'FORBIDDEN' ? t('staff.createForbidden') : e.code === 'NOT_FOUND' ? t('staff.parentNotFound') : message(e);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = nameProblem(name, t);
    setErrors(problem ? { name: problem } : {});
    if (problem) return;
    try {
      const { data } = await create({ variables: { input: { name: name.trim(), parentId, settings } } });
      const payload = data?.createCompany;
      if (payload?.company) {
        notifications.show({ color: 'green', message: t('staff.companyCreated', { name: payload.company.name }) });
        return onCreated(payload.company.id);
      }
      setErrors(formErrors(payload?.userErrors ?? [], ['name', 'parentId'] as const, text));
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('staff.newCompany')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={errors.form} />
          <TextInput
            label={t('staff.companyName')}
            description={t('validation.nameHint', { max: NAME_MAX })}
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setErrors((x) => ({ ...x, name: undefined }));
            }}
            error={errors.name}
          />
          <CompanyPicker
            label={t('staff.parent')}
            placeholder={t('staff.moveRoot')}
            value={parentId}
            onChange={(v) => {
              setParentId(v);
              setErrors((x) => ({ ...x, parentId: undefined }));
            }}
            clearable
            error={errors.parentId}
          />
          <Fieldset legend={t('staff.settings')} variant="unstyled">
            <Stack gap="xs">
              {SETTINGS.map((key: SettingKey) => (
                <Switch
                  key={key}
                  label={t(settingLabel(key))}
                  checked={settings[key]}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setSettings((s) => ({ ...s, [key]: checked }));
                  }}
                />
              ))}
            </Stack>
          </Fieldset>
          <FormActions submitLabel={t('staff.createCompany')} loading={loading} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
