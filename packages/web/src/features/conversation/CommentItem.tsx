import { Badge, Group, Paper, Text } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { CommentItemFieldsFragment } from '../../gql/graphql';
import { Markdown } from '../../ui/Markdown';
import { personName } from '../../ui/personName';

/** What one message of the thread shows: `...CommentItemFields`. */
graphql(`
  fragment CommentItemFields on TicketComment {
    id
    body
    visibility
    createdAt
    author {
      ...PersonNameFields
      staffRole
    }
  }
`);

/**
 * One message: who wrote it and when, then its Markdown. An internal note looks unlike a reply
 * (amber background and border, and says so in words) so staff never mistake what the customer saw.
 */
export function CommentItem({ comment }: { comment: CommentItemFieldsFragment }) {
  const { t, formatDateTime } = useI18n();
  const internal = comment.visibility === 'INTERNAL';
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      aria-label={t(internal ? 'conversation.internalBy' : 'conversation.replyBy', { name: personName(comment.author) })}
      bg={internal ? 'var(--mantine-color-yellow-0)' : undefined}
      style={internal ? { borderLeft: '4px solid var(--mantine-color-orange-6)' } : undefined}
      data-visibility={comment.visibility}
    >
      <Group gap="xs" mb={4} wrap="wrap">
        <Text fw={600} size="sm">
          {personName(comment.author)}
        </Text>
        {comment.author.staffRole && (
          <Badge size="sm" variant="light" color="blue" tt="none">
            {t('conversation.support')}
          </Badge>
        )}
        {internal && (
          <Badge size="sm" variant="filled" color="orange" tt="none">
            {t('conversation.internalBadge')}
          </Badge>
        )}
        <Text size="xs" c="dimmed" component="time" dateTime={comment.createdAt}>
          {formatDateTime(comment.createdAt)}
        </Text>
      </Group>
      <Markdown>{comment.body}</Markdown>
    </Paper>
  );
}
