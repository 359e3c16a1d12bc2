import { useQuery } from '@apollo/client/react';
import { Stack, Text, Title } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { QueryState } from '../../ui/QueryState';
import { useViewer } from '../auth/useViewer';
import type { CommentItemFieldsFragment, StatusChangeItemFieldsFragment } from '../../gql/graphql';
import { CommentItem } from './CommentItem';
import { ReplyBox } from './ReplyBox';
import { StatusChangeItem } from './StatusChangeItem';

export const TicketConversationQuery = graphql(`
  query TicketConversationQuery($id: ID!, $first: Int!, $after: String) {
    ticket(id: $id) {
      id
      status
      ...TicketStatusChangesFields
      comments(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...LoadMoreButtonFields
        }
        edges {
          cursor
          node {
            ...CommentItemFields
          }
        }
      }
    }
  }
`);

export const COMMENTS_PAGE = 50;
/** After a reply: everything written since the last one shown, in one request. */
const CATCH_UP = 100;

type ThreadItem = { kind: 'comment'; comment: CommentItemFieldsFragment } | { kind: 'status'; change: StatusChangeItemFieldsFragment };

/**
 * The loaded messages with the status changes between them, by time (both come oldest first). A
 * change made with a message (a reopening reply) follows it. Changes after the last loaded message
 * wait until no page is left to load: a later message may come before them.
 */
export function threadItems(
  comments: CommentItemFieldsFragment[],
  changes: StatusChangeItemFieldsFragment[],
  complete: boolean,
): ThreadItem[] {
  const items: ThreadItem[] = [];
  let next = 0;
  for (const comment of comments) {
    const at = Date.parse(comment.createdAt);
    while (next < changes.length && Date.parse(changes[next].createdAt) < at) items.push({ kind: 'status', change: changes[next++] });
    items.push({ kind: 'comment', comment });
  }
  if (complete) for (const change of changes.slice(next)) items.push({ kind: 'status', change });
  return items;
}

/**
 * A ticket's conversation, oldest first, then the reply box. Customers never get internal notes
 * (the server leaves them out); staff see them marked. "Load more" brings later messages.
 */
export function TicketConversation({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { viewer } = useViewer();
  const variables = { id: ticketId, first: COMMENTS_PAGE };
  const query = useQuery(TicketConversationQuery, { variables, notifyOnNetworkStatusChange: true });
  const ticket = query.data?.ticket;
  if (query.data && !ticket) return null; // not found: the ticket's card says so
  const connection = ticket?.comments;
  const edges = connection?.edges ?? [];
  const items = threadItems(
    edges.map((e) => e.node),
    ticket?.statusChanges ?? [],
    !!connection && !connection.pageInfo.hasNextPage,
  );

  // the new message (and anything written meanwhile) comes after the last one shown; with more pages
  // still unloaded, "Load more" reaches it
  function caughtUp() {
    if (connection?.pageInfo.hasNextPage) return;
    void query.fetchMore({ variables: { ...variables, first: CATCH_UP, after: connection?.pageInfo.endCursor ?? null } });
  }

  return (
    <Stack component="section" aria-labelledby="conversation-heading" gap="sm">
      <Title order={2} size="h3" id="conversation-heading">
        {t('conversation.title')}
        {connection && (
          <Text span c="dimmed" fw={400} ml="xs">
            ({connection.totalCount})
          </Text>
        )}
      </Title>
      <QueryState query={query} empty={items.length === 0} emptyText={t('conversation.empty')}>
        {/* role=list: with the bullets gone, some screen readers would no longer call it a list */}
        <Stack component="ol" role="list" aria-label={t('conversation.title')} gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item) =>
            item.kind === 'comment' ? (
              <li key={item.comment.id}>
                <CommentItem comment={item.comment} />
              </li>
            ) : (
              <li key={item.change.id}>
                <StatusChangeItem change={item.change} />
              </li>
            ),
          )}
        </Stack>
        <LoadMoreButton
          pageInfo={connection?.pageInfo}
          loading={query.loading}
          onLoad={(after) => void query.fetchMore({ variables: { ...variables, after } })}
        />
      </QueryState>
      {ticket && viewer && (
        <ReplyBox
          ticketId={ticket.id}
          status={ticket.status}
          staff={viewer.staffRole !== null}
          onPosted={caughtUp}
          onStale={() => void query.refetch()}
        />
      )}
    </Stack>
  );
}
