import { Badge, Group, Tooltip, VisuallyHidden } from '@mantine/core';
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
        // not a Tab stop (a ticket list would have dozens): the hint is in the text for screen readers, on hover for the rest
        <Tooltip key={r} label={t(`reasonHint.${r}`)} withArrow>
          <Badge color={COLOR[r]} variant="light" size="sm">
            {t(`reason.${r}`)}
            <VisuallyHidden>: {t(`reasonHint.${r}`)}</VisuallyHidden>
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
