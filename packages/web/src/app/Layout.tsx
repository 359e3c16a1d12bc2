import { Anchor, AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSignOut } from '../features/auth/useSignOut';
import { useViewer } from '../features/auth/useViewer';
import { ViewerLanguageSwitcher } from '../features/profile/ViewerLanguageSwitcher';
import { personName } from '../ui/personName';
import { QueryState } from '../ui/QueryState';
import type { MessageKey } from './i18n/en';
import { useI18n } from './i18n/useI18n';

const CUSTOMER_NAV: Array<[string, MessageKey]> = [
  ['/tickets', 'nav.tickets'],
  ['/people', 'nav.people'],
];
// on a phone the header has no room for it: the menu has it there
const PROFILE_NAV: Array<[string, MessageKey]> = [['/profile', 'nav.profile']];
const STAFF_NAV: Array<[string, MessageKey]> = [
  ['/staff/companies', 'nav.staff.companies'],
  ['/staff/accounts', 'nav.staff.accounts'],
  ['/staff/visibility', 'nav.staff.visibility'],
  ['/staff/audit', 'nav.staff.audit'],
  ['/staff/mail', 'nav.staff.mail'],
];

/** The signed-in frame: navigation by what the viewer is, language, sign out. */
export function Layout() {
  const { t, followAccount } = useI18n();
  const { viewer } = useViewer();
  const signOut = useSignOut();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  useEffect(() => followAccount(viewer?.language ?? null), [viewer?.language, followAccount]);
  useEffect(close, [location.pathname, close]);
  const nav = [...CUSTOMER_NAV, ...(viewer?.staffRole ? STAFF_NAV : []), ...PROFILE_NAV];

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Anchor href="#main" className="skip-link">
              {t('app.skip')}
            </Anchor>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.tickets')} />
            <Text fw={700}>{t('app.name')}</Text>
          </Group>
          <Group gap="sm">
            {viewer && (
              <Text size="sm" visibleFrom="sm">
                {t('nav.signedInAs', { name: personName(viewer) })}
              </Text>
            )}
            {viewer && (
              <Button size="xs" variant="subtle" component={Link} to="/profile" visibleFrom="sm">
                {t('nav.profile')}
              </Button>
            )}
            <ViewerLanguageSwitcher />
            <Button size="xs" variant="default" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {nav.map(([to, key]) => (
          <NavLink key={to} component={Link} to={to} label={t(key)} active={location.pathname.startsWith(to)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Suspense fallback={<QueryState query={{ loading: true }} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
