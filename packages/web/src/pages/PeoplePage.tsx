import { useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { useViewer, type Viewer } from '../features/auth/useViewer';
import { InvitationList } from '../features/invitations/InvitationList';
import { InviteDialog } from '../features/invitations/InviteDialog';
import { CompanySwitcher, lastPeopleCompany, rememberPeopleCompany, switchableCompanies } from '../features/people/CompanySwitcher';
import { MemberList } from '../features/people/MemberList';
import { graphql } from '../gql';
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
          setParams({ company: id });
        }}
      />
      <QueryState
        query={query}
        empty={!company}
        emptyText={companyId ? t('common.notFound') : t(staff ? 'people.pickCompany' : 'people.noCompanies')}
      >
        {company && (
          <>
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
