import { Badge, Group, Tooltip } from '@mantine/core';
import { useI18n } from '../../app/i18n/useI18n';
import type { AccessReason } from '../../gql/graphql';

const COLOR: Record<AccessReason, string> = {
  OWN_TICKET: 'blue',
  COMPANY_WIDE: 'teal',
  SUBSIDIARY: 'grape',
  FAMILY: 'orange',
  ASSIGNED_SOLVER: 'cyan',
};

/** Why the viewer sees a ticket (Ticket.viewerAccess); staff see every ticket and get no badge. */
export function AccessBadges({ reasons }: { reasons: readonly AccessReason[] }) {
  const { t } = useI18n();
  return (
    <Group gap={4}>
      {reasons.map((r) => (
        <Tooltip key={r} label={t(`reasonHint.${r}`)} withArrow>
          <Badge color={COLOR[r]} variant="light" size="sm" tabIndex={0} aria-label={`${t(`reason.${r}`)}: ${t(`reasonHint.${r}`)}`}>
            {t(`reason.${r}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
