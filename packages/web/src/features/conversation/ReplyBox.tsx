import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { CommentVisibility, TicketStatus } from '../../gql/graphql';
import { FormError } from '../../ui/FormError';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { formErrors } from '../../ui/userErrors';
import { cleanBody, COMMENT_MAX, commentProblem } from './commentBody';

export const AddCommentMutation = graphql(`
  mutation ReplyBoxAddCommentMutation($input: AddTicketCommentInput!) {
    addTicketComment(input: $input) {
      comment {
        ...CommentItemFields
      }
      ticket {
        id
        status
        updatedAt
        lastActivityAt
        ...TicketStatusChangesFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const FIELDS = ['body'] as const;
type Errors = Partial<Record<(typeof FIELDS)[number] | 'form', string>>;

/**
 * Writes to a ticket's conversation. Customers write public replies (one on a RESOLVED ticket
 * reopens it, and the box says so first); staff also choose an internal note. A CLOSED ticket takes
 * no replies from customers: they get the reason instead of the box (staff may still comment).
 * The server decides in the end; its refusals show on the field or above it.
 */
export function ReplyBox({
  ticketId,
  status,
  staff,
  onPosted,
  onStale,
}: {
  ticketId: string;
  status: TicketStatus;
  staff: boolean;
  /** After a comment was written. */
  onPosted: () => void;
  /** When the server says the ticket changed meanwhile (closed): read it again. */
  onStale: () => void;
}) {
  const { t, locale } = useI18n();
  const message = useUserErrorMessage();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<CommentVisibility>('PUBLIC');
  const [errors, setErrors] = useState<Errors>({});
  const [add, { loading }] = useMutation(AddCommentMutation);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const max = new Intl.NumberFormat(locale).format(COMMENT_MAX);
  const internal = visibility === 'INTERNAL';
  const length = cleanBody(body).length;

  if (status === 'CLOSED' && !staff)
    return (
      <Alert color="gray" title={t('conversation.closedTitle')} role="status">
        {t('conversation.closedText')}
      </Alert>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (loading) return;
    const problem = commentProblem(body, t, max);
    if (problem) {
      setErrors({ body: problem });
      textarea.current?.focus();
      return;
    }
    setErrors({});
    try {
      const { data } = await add({ variables: { input: { ticketId, body: cleanBody(body), visibility } } });
      const result = data?.addTicketComment;
      const userErrors = result?.userErrors ?? [];
      if (!result || userErrors.length) {
        setErrors(formErrors(userErrors, FIELDS, (e) => (e.code === 'CONFLICT' ? t('conversation.closedConflict') : message(e))));
        if (userErrors.some((e) => e.code === 'CONFLICT')) onStale();
        return;
      }
      setBody('');
      const reopened = status === 'RESOLVED' && result.ticket?.status === 'OPEN';
      notifications.show({
        color: 'green',
        message: t(internal ? 'conversation.noteAdded' : reopened ? 'conversation.sentReopened' : 'conversation.sent'),
      });
      onPosted();
    } catch (e) {
      setErrors({ form: t('common.error', { message: (e as Error).message }) });
    }
  }

  // Ctrl+Enter (⌘+Enter) sends, as in most message boxes; Enter alone is a line break
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('conversation.replyForm')}>
      <Stack gap="sm">
        {status === 'RESOLVED' && !staff && (
          <Alert color="blue" variant="light">
            {t('conversation.reopenHint')}
          </Alert>
        )}
        {status === 'CLOSED' && staff && (
          <Text size="sm" c="dimmed">
            {t('conversation.closedStaffHint')}
          </Text>
        )}
        <FormError message={errors.form} />
        {staff && (
          <Radio.Group label={t('conversation.visibility')} value={visibility} onChange={(v) => setVisibility(v as CommentVisibility)}>
            <Group mt={4} gap="lg">
              <Radio value="PUBLIC" label={t('conversation.public')} />
              <Radio value="INTERNAL" label={t('conversation.internal')} color="orange" />
            </Group>
          </Radio.Group>
        )}
        <Textarea
          ref={textarea}
          label={t(internal ? 'conversation.noteLabel' : 'conversation.replyLabel')}
          description={t('conversation.hint', { max })}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            if (errors.body) setErrors((x) => ({ ...x, body: undefined }));
          }}
          onKeyDown={onKeyDown}
          error={errors.body}
          autosize
          minRows={4}
          maxRows={14}
          styles={
            internal ? { input: { background: 'var(--mantine-color-yellow-0)', borderColor: 'var(--mantine-color-orange-6)' } } : undefined
          }
        />
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c={length > COMMENT_MAX ? 'red' : 'dimmed'}>
            {t('conversation.count', { count: new Intl.NumberFormat(locale).format(length), max })}
          </Text>
          <Button type="submit" loading={loading} color={internal ? 'orange' : undefined}>
            {t(internal ? 'conversation.addNote' : 'conversation.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
