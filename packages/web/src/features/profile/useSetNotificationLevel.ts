import { useMutation } from '@apollo/client/react';
import { graphql } from '../../gql';
import type { NotificationLevel } from '../../gql/graphql';

export const SetNotificationLevelMutation = graphql(`
  mutation SetNotificationLevelMutation($input: SetNotificationLevelInput!) {
    setNotificationLevel(input: $input) {
      account {
        id
        notificationLevel
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

/** Most email first: the order every screen offers the levels in. */
export const NOTIFICATION_LEVELS: NotificationLevel[] = ['ALL', 'PARTICIPATING', 'NONE'];

/** Sets which emails an account gets: the viewer's own (no accountId) or, staff ADMIN, anyone's. */
export function useSetNotificationLevel() {
  return useMutation(SetNotificationLevelMutation);
}
