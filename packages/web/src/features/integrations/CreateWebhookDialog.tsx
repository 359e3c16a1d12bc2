import { useMutation } from '@apollo/client/react';
import { Checkbox, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { WebhookEvent } from '../../gql/graphql';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { formErrors } from '../../ui/userErrors';
import { CompanyRestrictionPicker } from './CompanyRestrictionPicker';
import { EVENT_LABELS, EVENTS } from './webhookEvents';

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhookDialogMutation($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      webhook {
        ...WebhookFields
      }
      secret
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

type Field = 'url' | 'events' | 'companyId';

/** What the browser can tell before asking the server: an absolute http(s) URL. The server checks where it leads. */
function urlProblem(url: string): 'blank' | 'invalid' | null {
  if (!url.trim()) return 'blank';
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? null : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** A new webhook: the receiver's URL, the events, optionally one company's subtree; its signing secret is handed to `onCreated` once. */
export function CreateWebhookDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (secret: string) => void }) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...EVENTS]);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field | 'form', string>>>({});
  const [create, { loading }] = useMutation(CreateWebhookMutation, { refetchQueries: ['WebhookListQuery'], awaitRefetchQueries: true });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: typeof errors = {};
    const problem = urlProblem(url);
    if (problem === 'blank') problems.url = t('validation.blank');
    if (problem === 'invalid') problems.url = t('webhooks.urlInvalid');
    if (events.length === 0) problems.events = t('webhooks.eventsRequired');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    try {
      const { data } = await create({ variables: { input: { url: url.trim(), events, companyId } } });
      const payload = data?.createWebhook;
      if (payload?.secret) return onCreated(payload.secret);
      setErrors(formErrors(payload?.userErrors ?? [], ['url', 'events', 'companyId'] as const, message));
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('webhooks.create')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={errors.form} />
          <TextInput
            label={t('webhooks.url')}
            description={t('webhooks.urlHint')}
            placeholder="https://example.com/clientele/webhook"
            type="url"
            required
            data-autofocus
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setErrors((x) => ({ ...x, url: undefined }));
            }}
            error={errors.url}
          />
          <Checkbox.Group
            label={t('webhooks.events')}
            description={t('webhooks.eventsHint')}
            value={events}
            onChange={(value) => {
              setEvents(value as WebhookEvent[]);
              setErrors((x) => ({ ...x, events: undefined }));
            }}
            error={errors.events}
          >
            <Stack mt="xs" gap="xs">
              {EVENTS.map((e) => (
                <Checkbox key={e} value={e} label={t(EVENT_LABELS[e])} />
              ))}
            </Stack>
          </Checkbox.Group>
          <CompanyRestrictionPicker
            value={companyId}
            onChange={(v) => {
              setCompanyId(v);
              setErrors((x) => ({ ...x, companyId: undefined }));
            }}
            error={errors.companyId}
          />
          <FormActions submitLabel={t('webhooks.create')} loading={loading} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
