import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Breadcrumbs, Button, Card, Group, Stack, Switch, Title, type ComboboxItem } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { graphql } from '../../gql';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EditableTitle } from '../../ui/EditableTitle';
import { FormError } from '../../ui/FormError';
import { QueryState } from '../../ui/QueryState';
import { SignInLog } from '../sign-in-log/SignInLog';
import { CompanyPicker } from './CompanyPicker';
import { settingLabel, SETTINGS, type SettingKey } from './companySettings';
import { TwoFactorRequiredSwitch } from './TwoFactorRequiredSwitch';

/** Where the company sits (breadcrumbs, the move picker), read again after a move. */
graphql(`
  fragment CompanyDetailPlacementFields on Company {
    parent {
      id
      name
    }
    path {
      id
      name
    }
  }
`);

export const CompanyDetailQuery = graphql(`
  query CompanyDetailQuery($id: ID!) {
    company(id: $id) {
      id
      name
      ...CompanyDetailPlacementFields
      settings {
        ...CompanySettingsFields
      }
      viewerCan {
        manageCompany
        changeMembersSeeCompanyTickets
      }
    }
  }
`);

export const UpdateCompanyMutation = graphql(`
  mutation CompanyDetailUpdateMutation($input: UpdateCompanyInput!) {
    updateCompany(input: $input) {
      company {
        id
        name
        settings {
          ...CompanySettingsFields
        }
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

export const MoveCompanyMutation = graphql(`
  mutation CompanyDetailMoveMutation($id: ID!, $parentId: ID) {
    moveCompany(id: $id, parentId: $parentId) {
      company {
        id
        ...CompanyDetailPlacementFields
      }
      userErrors {
        ...UserErrorFields
      }
    }
  }
`);

const ROOT = '__root__';

export function CompanyDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const query = useQuery(CompanyDetailQuery, { variables: { id } });
  const [update, { loading: saving }] = useMutation(UpdateCompanyMutation);
  const [move, { loading: moving }] = useMutation(MoveCompanyMutation, {
    // the tree, and the paths of the moved company's subsidiaries
    refetchQueries: ['CompanyTreeQuery', 'CompanyTreeChildrenQuery', 'CompanyTreePathQuery'],
  });
  const [target, setTarget] = useState<string | null>(null);
  const [targetOption, setTargetOption] = useState<ComboboxItem | null>(null);
  const [confirmingMove, setConfirmingMove] = useState(false);
  const [confirmingPortalOff, setConfirmingPortalOff] = useState(false);
  const [moveError, setMoveError] = useState<string | null>(null);
  const company = query.data?.company;

  async function toggle(key: SettingKey | 'twoFactorRequired', value: boolean) {
    const vars = { company: company?.name ?? '' };
    try {
      const { data: result } = await update({ variables: { input: { id, settings: { [key]: value } } } });
      const e = result?.updateCompany.userErrors[0];
      if (e) notifications.show({ color: 'red', message: t('error.generic', { message: e.message }) });
      else if (key === 'twoFactorRequired')
        notifications.show({ color: 'green', message: t(value ? 'twoFactorPolicy.onToast' : 'twoFactorPolicy.offToast', vars) });
      else if (key === 'portalEnabled')
        notifications.show({ color: 'green', message: t(value ? 'staff.portalOnToast' : 'staff.portalOffToast', vars) });
      else
        notifications.show({
          color: 'green',
          message: t(value ? 'staff.settingOnToast' : 'staff.settingOffToast', { ...vars, setting: t(settingLabel(key)) }),
        });
    } catch (err) {
      notifications.show({ color: 'red', message: t('common.error', { message: (err as Error).message }) });
    }
  }

  async function submitMove() {
    setMoveError(null);
    const parentId = target === ROOT ? null : target;
    try {
      const { data: result } = await move({ variables: { id, parentId } });
      const e = result?.moveCompany.userErrors[0];
      if (e)
        setMoveError(
          e.code === 'CYCLE'
            ? t('staff.cycle')
            : e.code === 'CONFLICT'
              ? t('staff.moveNameTaken', { name: company?.name ?? '' })
              : t('error.generic', { message: e.message }),
        );
      else {
        notifications.show({ color: 'green', message: t('staff.moved') });
        setTarget(null);
        setTargetOption(null);
      }
    } catch (err) {
      setMoveError(t('common.error', { message: (err as Error).message }));
    } finally {
      setConfirmingMove(false);
    }
  }

  return (
    <QueryState query={query} empty={!company} emptyText={t('common.notFound')}>
      {company && (
        <Stack>
          {company.path.length > 0 && (
            <nav aria-label={t('staff.path')}>
              <Breadcrumbs>
                {company.path.map((ancestor) => (
                  <Anchor key={ancestor.id} component={Link} to={`/staff/companies/${ancestor.id}`} size="sm">
                    {ancestor.name}
                  </Anchor>
                ))}
              </Breadcrumbs>
            </nav>
          )}
          <EditableTitle
            value={company.name}
            order={2}
            field="name"
            fieldLabel={t('staff.companyName')}
            editLabel={t('staff.renameCompany')}
            savedMessage={t('staff.companyRenamed')}
            canEdit={company.viewerCan.manageCompany}
            onSave={async (name) =>
              (await update({ variables: { input: { id, name } }, refetchQueries: ['CompanyTreeQuery', 'VisibleCompaniesQuery'] })).data
                ?.updateCompany.userErrors ?? []
            }
          />
          <Card withBorder>
            <Stack gap="sm">
              <Title order={3} size="h4">
                {t('staff.settings')}
              </Title>
              {SETTINGS.map((key) => {
                const allowed =
                  company.viewerCan.manageCompany ||
                  (key === 'membersSeeCompanyTickets' && company.viewerCan.changeMembersSeeCompanyTickets);
                return (
                  <Switch
                    key={key}
                    label={t(settingLabel(key))}
                    checked={company.settings[key]}
                    disabled={!allowed || saving}
                    onChange={(e) => {
                      // turning the portal off takes the portal away from the company's people: it asks first
                      if (key === 'portalEnabled' && !e.currentTarget.checked) setConfirmingPortalOff(true);
                      else void toggle(key, e.currentTarget.checked);
                    }}
                  />
                );
              })}
              <TwoFactorRequiredSwitch
                companyName={company.name}
                checked={company.settings.twoFactorRequired}
                disabled={!company.viewerCan.manageCompany || saving}
                saving={saving}
                onConfirm={(value) => toggle('twoFactorRequired', value)}
              />
            </Stack>
          </Card>
          {company.viewerCan.manageCompany && (
            <Card withBorder>
              <Stack gap="sm">
                <FormError message={moveError} />
                <Group align="flex-end">
                  <CompanyPicker
                    label={t('staff.move')}
                    // offered: anywhere but where it is, itself and its own subsidiaries (the server leaves those out)
                    extraOptions={company.parent ? [{ value: ROOT, label: t('staff.moveRoot') }] : []}
                    exclude={company.parent ? [company.parent.id] : []}
                    outsideSubtreeOf={company.id}
                    value={target}
                    onChange={(next) => {
                      setTarget(next);
                      setMoveError(null);
                    }}
                    onPicked={setTargetOption}
                    w={320}
                  />
                  <Button onClick={() => setConfirmingMove(true)} disabled={!target} loading={moving}>
                    {t('staff.moveSubmit')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          )}
          <Card withBorder>
            <SignInLog company={company} headingOrder={3} />
          </Card>
          {confirmingPortalOff && (
            <ConfirmDialog
              title={t('staff.portalOffTitle', { company: company.name })}
              message={t('staff.portalOffConfirm', { company: company.name })}
              confirmLabel={t('staff.portalOff')}
              loading={saving}
              onConfirm={() => void toggle('portalEnabled', false).finally(() => setConfirmingPortalOff(false))}
              onCancel={() => setConfirmingPortalOff(false)}
            />
          )}
          {confirmingMove && target && (
            <ConfirmDialog
              title={
                target === ROOT
                  ? t('staff.moveRootTitle', { company: company.name })
                  : t('staff.moveTitle', { company: company.name, parent: targetOption?.label ?? '' })
              }
              message={
                target === ROOT
                  ? t('staff.moveRootConfirm', { company: company.name, parent: company.parent?.name ?? '' })
                  : t('staff.moveConfirm', { company: company.name, parent: targetOption?.label ?? '' })
              }
              confirmLabel={t('staff.moveSubmit')}
              color="blue"
              loading={moving}
              onConfirm={() => void submitMove()}
              onCancel={() => setConfirmingMove(false)}
            />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
