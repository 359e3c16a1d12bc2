import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Stack, Tabs, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { useViewer, type Viewer } from '../features/auth/useViewer';
import { InvitationList } from '../features/invitations/InvitationList';
import { InviteDialog } from '../features/invitations/InviteDialog';
import { CompanySwitcher, lastPeopleCompany, rememberPeopleCompany, switchableCompanies } from '../features/people/CompanySwitcher';
import { MemberList } from '../features/people/MemberList';
import { SignInLog } from '../features/sign-in-log/SignInLog';
import { graphql } from '../gql';
import type { PeoplePageCompanyFieldsFragment } from '../gql/graphql';
import { QueryState } from '../ui/QueryState';

/** A company as People shows it: its name and what the viewer may do there (also in ViewerQuery's memberships). */
graphql(`
  fragment PeoplePageCompanyFields on Company {
    id
    name
    viewerCan {
      invite
      listInvitations
      listMembers
      manageMembers
      readSignInLog
    }
  }
`);

export const PeoplePageQuery = graphql(`
  query PeoplePageQuery($companyId: ID!) {
    company(id: $companyId) {
      ...PeoplePageCompanyFields
    }
  }
`);

const PEOPLE = 'people';
const SIGN_INS = 'sign-ins'; // ?view=sign-ins

export default function PeoplePage() {
  const { viewer } = useViewer();
  return viewer ? <People viewer={viewer} /> : null;
}

function People({ viewer }: { viewer: Viewer }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const staff = viewer.staffRole != null;
  const companies = staff ? [] : switchableCompanies(viewer);
  // customers: the first company they administer; staff: the one they last opened here
  const companyId = params.get('company') ?? companies[0]?.id ?? (staff ? lastPeopleCompany() : null);
  const query = useQuery(PeoplePageQuery, { variables: { companyId: companyId ?? '' }, skip: !companyId });
  const [inviting, setInviting] = useState(false);
  const company = query.data?.company ?? null;
  // the sign-in log is for staff and the company's ADMINISTRATORs, who are the customers that manage its members
  const canReadLog = company?.viewerCan.readSignInLog === true;
  const view = canReadLog && params.get('view') === SIGN_INS ? SIGN_INS : PEOPLE;
  const show = (id: string, next: string) => setParams(next === SIGN_INS ? { company: id, view: next } : { company: id });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('people.title')}
          {company ? ` · ${company.name}` : ''}
        </Title>
        {company?.viewerCan.invite && <Button onClick={() => setInviting(true)}>{t('people.invite')}</Button>}
      </Group>
      <CompanySwitcher
        staff={staff}
        companies={companies}
        value={companyId}
        onChange={(id) => {
          if (staff) rememberPeopleCompany(id);
          show(id, view);
        }}
      />
      <QueryState
        query={query}
        empty={!company}
        emptyText={companyId ? t('common.notFound') : t(staff ? 'people.pickCompany' : 'people.noCompanies')}
      >
        {company && (
          <>
            {canReadLog ? (
              <Tabs value={view} onChange={(next) => next && show(company.id, next)} keepMounted={false}>
                <Tabs.List aria-label={t('peopleTabs.label')} mb="md">
                  <Tabs.Tab value={PEOPLE}>{t('peopleTabs.people')}</Tabs.Tab>
                  <Tabs.Tab value={SIGN_INS}>{t('signInLog.title')}</Tabs.Tab>
                </Tabs.List>
                <Tabs.Panel value={PEOPLE}>
                  <Members company={company} />
                </Tabs.Panel>
                <Tabs.Panel value={SIGN_INS}>
                  <SignInLog company={company} />
                </Tabs.Panel>
              </Tabs>
            ) : (
              <Members company={company} />
            )}
            {company.viewerCan.invite && (
              <InviteDialog
                company={company}
                opened={inviting}
                onClose={() => setInviting(false)}
                onInvited={(email) => notifications.show({ color: 'green', message: t('invite.sent', { email }) })}
              />
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

/** The company's members and invitations, as far as the viewer may see them. */
function Members({ company }: { company: PeoplePageCompanyFieldsFragment }) {
  const { t } = useI18n();
  return (
    <Stack>
      {!company.viewerCan.manageMembers && (
        <Alert color="blue" variant="light">
          {t('people.readOnly', { company: company.name })}
        </Alert>
      )}
      <Title order={2} size="h3">
        {t('people.members')}
      </Title>
      {company.viewerCan.listMembers && <MemberList company={company} canManage={company.viewerCan.manageMembers} />}
      {company.viewerCan.listInvitations && (
        <>
          <Title order={2} size="h3">
            {t('people.invitations')}
          </Title>
          <InvitationList company={company} canManage={company.viewerCan.invite} />
        </>
      )}
    </Stack>
  );
}
