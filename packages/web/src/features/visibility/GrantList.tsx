import { Badge, Group } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { GrantListFieldsFragment } from '../../gql/graphql';

/** One grant as the list shows it: `grants { ...GrantListFields }` (ticketAudience, accountVisibility). */
graphql(`
  fragment GrantListFields on AccessGrant {
    reason
    via {
      id
      name
    }
  }
`);

/** The (reason, via) pairs behind an access, e.g. "subsidiary via Northwind Holding". */
export function GrantList({ grants }: { grants: readonly GrantListFieldsFragment[] }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {grants.map((g) => (
        <Badge key={`${g.reason}:${g.via.id}`} variant="light">
          {t(`reason.${g.reason}`)} · {t('staff.via', { company: g.via.name })}
        </Badge>
      ))}
    </Group>
  );
}
