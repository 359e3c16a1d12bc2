import { useMutation } from '@apollo/client/react';
import { Button, Checkbox, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import type { Capability, Role } from '../../gql/graphql';
import { useUserErrorMessage } from '../../ui/useUserErrorMessage';
import { FormActions } from '../../ui/FormActions';
import { FormError } from '../../ui/FormError';

/** What the dialog edits, and what every membership list reads of it: `...MembershipRoleFields`. */
graphql(`
  fragment MembershipRoleFields on Membership {
    id
    role
    capabilities
  }
`);

export const UpdateMembershipMutation = graphql(`
  mutation EditMembershipDialogMutation($input: UpdateMembershipInput!) {
    updateMembership(input: $input) {
      membership {
        ...MembershipRoleFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export interface EditableMembership {
  id: string;
  name: string;
  role: Role;
  capabilities: Capability[];
}

const ROLES: Role[] = ['MEMBER', 'MODERATOR', 'ADMINISTRATOR'];
const CAPABILITIES: Capability[] = ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW', 'BILLING', 'INVOICES'];

/** access-model.md, "Capabilities and their defaults" (the server's DEFAULT_CAPABILITIES). */
export const ROLE_DEFAULT_CAPABILITIES: Record<Role, Capability[]> = {
  ADMINISTRATOR: [...CAPABILITIES],
  MODERATOR: ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW'],
  MEMBER: ['TICKETS', 'KNOWLEDGE_BASE'],
};

export function EditMembershipDialog({
  membership,
  companyName,
  onClose,
}: {
  membership: EditableMembership;
  companyName: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const errorText = useUserErrorMessage(companyName);
  const [role, setRole] = useState<Role>(membership.role);
  const [capabilities, setCapabilities] = useState<string[]>(membership.capabilities);
  // a new role brings its default capabilities, said in the dialog; the previous set is one click away
  const [preselected, setPreselected] = useState<Role | null>(null);
  const changeRole = (next: Role) => {
    if (next === role) return;
    setRole(next);
    if (next === membership.role) {
      setCapabilities(membership.capabilities);
      setPreselected(null);
    } else {
      setCapabilities(ROLE_DEFAULT_CAPABILITIES[next]);
      setPreselected(next);
    }
  };
  const [error, setError] = useState<string | null>(null);
  const [update, { loading }] = useMutation(UpdateMembershipMutation, { refetchQueries: ['ViewerQuery'] });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const chosen = CAPABILITIES.filter((c) => capabilities.includes(c)); // in the order the dialog lists them
      const { data } = await update({ variables: { input: { id: membership.id, role, capabilities: chosen } } });
      const e = data?.updateMembership.userErrors[0];
      if (e) return setError(errorText(e));
      notifications.show({ color: 'green', message: t('people.updated') });
      onClose();
    } catch (err) {
      setError(t('common.error', { message: (err as Error).message }));
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('people.editTitle', { name: membership.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={error} />
          <Select
            label={t('people.role')}
            data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            value={role}
            onChange={(v) => v && changeRole(v as Role)}
            allowDeselect={false}
            data-autofocus
          />
          <div role="status">
            {preselected && (
              <Paper withBorder p="xs" bg="var(--mantine-color-blue-light)">
                <Stack gap={4} align="flex-start">
                  <Text size="sm">{t('people.defaultsPreselected', { role: t(`role.${preselected}`) })}</Text>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    onClick={() => {
                      setCapabilities(membership.capabilities);
                      setPreselected(null);
                    }}
                  >
                    {t('people.keepCapabilities')}
                  </Button>
                </Stack>
              </Paper>
            )}
          </div>
          <Checkbox.Group label={t('people.capabilities')} value={capabilities} onChange={setCapabilities}>
            <Stack gap="xs" mt="xs">
              {CAPABILITIES.map((c) => (
                <Checkbox key={c} value={c} label={t(`capability.${c}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <FormActions submitLabel={t('common.save')} loading={loading} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
