import { Button, Center } from '@mantine/core';
import { useI18n } from '../app/i18n/useI18n';
import { graphql } from '../gql';
import type { LoadMoreButtonFieldsFragment } from '../gql/graphql';

/** What the button reads of a connection: `pageInfo { ...LoadMoreButtonFields }`. */
graphql(`
  fragment LoadMoreButtonFields on PageInfo {
    endCursor
    hasNextPage
  }
`);

/** The "Load more" of a keyset-paginated list; nothing when there is no next page. */
export function LoadMoreButton({
  pageInfo,
  loading,
  onLoad,
}: {
  pageInfo: LoadMoreButtonFieldsFragment | undefined;
  loading: boolean;
  onLoad: (after: string | null) => void;
}) {
  const { t } = useI18n();
  if (!pageInfo?.hasNextPage) return null;
  return (
    <Center>
      <Button variant="light" loading={loading} onClick={() => onLoad(pageInfo.endCursor ?? null)}>
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
