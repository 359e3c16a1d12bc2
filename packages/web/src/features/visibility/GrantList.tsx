import { Badge, Group } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import type { AccessReason } from '../../gql/graphql';

/** The (reason, via) pairs behind an access, e.g. "subsidiary via Northwind Holding". */
export function GrantList({ grants }: { grants: ReadonlyArray<{ reason: AccessReason; via: { id: string; name: string } }> }) {
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
