import { Button, Group, Stack, TextInput, Title, type TitleOrder } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../app/i18n/useI18n';
import { FormActions } from './FormActions';
import { FormError } from './FormError';
import { NAME_MAX, nameProblem } from './nameProblem';
import { useUserErrorMessage } from './useUserErrorMessage';
import { formErrors, type UserErrorLike } from './userErrors';

/**
 * A heading that the viewer may rename in place: validates like the server, shows the server's
 * userErrors on the field (or above it), confirms success, and gives focus back to the button.
 */
export function EditableTitle({
  value,
  order,
  field,
  fieldLabel,
  editLabel,
  savedMessage,
  canEdit,
  onSave,
  children,
  prefix,
}: {
  value: string;
  order: TitleOrder;
  /** The input field the server names in userErrors (`["input", field]`). */
  field: string;
  fieldLabel: string;
  editLabel: string;
  savedMessage: string;
  canEdit: boolean;
  /** Sends the new value; resolves to the payload's userErrors (none: saved). */
  onSave: (value: string) => Promise<readonly UserErrorLike[]>;
  /** Shown beside the heading (a status badge). */
  children?: ReactNode;
  /** Shown in the heading before the value, not renamed with it (a ticket's number). */
  prefix?: string;
}) {
  const { t } = useI18n();
  const message = useUserErrorMessage();
  const [draft, setDraft] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ value?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (draft === null && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [draft]);

  function close() {
    returnFocus.current = true;
    setErrors({});
    setDraft(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = nameProblem(draft ?? '', t);
    if (problem) return setErrors({ value: problem });
    const next = (draft ?? '').trim();
    if (next === value) return close();
    setSaving(true);
    try {
      const userErrors = await onSave(next);
      if (userErrors.length === 0) {
        notifications.show({ color: 'green', message: savedMessage });
        return close();
      }
      const mapped = formErrors(userErrors, [field], message);
      setErrors({ value: mapped[field], form: mapped.form });
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    } finally {
      setSaving(false);
    }
  }

  if (draft === null)
    return (
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm">
          <Title order={order} size={`h${order + 1}`}>
            {prefix && `${prefix} `}
            {value}
          </Title>
          {canEdit && (
            <Button ref={editButton} size="xs" variant="subtle" onClick={() => setDraft(value)} aria-label={editLabel}>
              {t('common.rename')}
            </Button>
          )}
        </Group>
        {children}
      </Group>
    );

  return (
    <form onSubmit={submit} noValidate aria-label={editLabel}>
      <Stack gap="xs" maw={560}>
        <FormError message={errors.form} />
        <TextInput
          label={fieldLabel}
          required
          value={draft}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            setErrors({});
          }}
          onKeyDown={(e) => e.key === 'Escape' && close()}
          error={errors.value}
          description={t('validation.nameHint', { max: NAME_MAX })}
          autoFocus
        />
        <FormActions submitLabel={t('common.save')} loading={saving} onCancel={close} />
      </Stack>
    </form>
  );
}
