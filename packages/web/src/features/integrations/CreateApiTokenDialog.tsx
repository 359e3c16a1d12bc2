import { useMutation } from '@apollo/client/react';
import { Checkbox, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { ApiTokenScope } from '../../gql/graphql';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { NAME_MAX, nameProblem } from '../../ui/nameProblem';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { formErrors } from '../../ui/userErrors';
import { CompanyRestrictionPicker } from './CompanyRestrictionPicker';
import { EXPIRY_DAYS, expiresAtFor, SCOPE_LABELS, SCOPES, type ExpiryDays } from './apiTokenScopes';

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiTokenDialogMutation($input: CreateApiTokenInput!) {
    createApiToken(input: $input) {
      apiToken {
        ...ApiTokenFields
      }
      token
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Field = 'name' | 'scopes' | 'companyId' | 'expiresAt';

/** A new API token: a name, what it may do, optionally one company's subtree, an expiry; the secret is handed to `onCreated` once. */
export function CreateApiTokenDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (secret: string) => void }) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['TICKETS_READ']);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [expiry, setExpiry] = useState<ExpiryDays>(90);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [create, { loading }] = useMutation(CreateApiTokenMutation, { refetchQueries: ['ApiTokenListQuery'], awaitRefetchQueries: true });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: typeof errors = {};
    const nameIssue = nameProblem(name, t);
    if (nameIssue) problems.name = nameIssue;
    if (scopes.length === 0) problems.scopes = t('apiTokens.scopesRequired');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const { data } = await create({
        variables: { input: { name: name.trim(), scopes, companyId, expiresAt: expiresAtFor(expiry) } },
      });
      const payload = data?.createApiToken;
      if (payload?.token) return onCreated(payload.token);
      setErrors(formErrors(payload?.userErrors ?? [], ['name', 'scopes', 'companyId', 'expiresAt'] as const, message));
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('apiTokens.create')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={errors.form} />
          <TextInput
            label={t('apiTokens.name')}
            description={t('apiTokens.nameHint', { max: NAME_MAX })}
            required
            data-autofocus
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setErrors((x) => ({ ...x, name: undefined }));
            }}
            error={errors.name}
          />
          <Checkbox.Group
            label={t('apiTokens.scopes')}
            description={t('apiTokens.scopesHint')}
            value={scopes}
            onChange={(value) => {
              setScopes(value as ApiTokenScope[]);
              setErrors((x) => ({ ...x, scopes: undefined }));
            }}
            error={errors.scopes}
          >
            <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="xs">
              {SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={t(SCOPE_LABELS[scope])} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <CompanyRestrictionPicker
            value={companyId}
            onChange={(v) => {
              setCompanyId(v);
              setErrors((x) => ({ ...x, companyId: undefined }));
            }}
            error={errors.companyId}
          />
          <Select
            label={t('apiTokens.expiry')}
            data={EXPIRY_DAYS.map((days) => ({
              value: String(days),
              label: days === null ? t('apiTokens.expiryNever') : t('apiTokens.expiryDays', { days }),
            }))}
            value={String(expiry)}
            onChange={(v) => setExpiry(v === 'null' || v === null ? null : (Number(v) as ExpiryDays))}
            allowDeselect={false}
            error={errors.expiresAt}
          />
          <FormActions submitLabel={t('apiTokens.create')} loading={loading} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
