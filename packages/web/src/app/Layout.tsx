import { Anchor, AppShell, Burger, Button, Divider, Group, NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useSignOut } from '../features/auth/useSignOut';
import { useViewer } from '../features/auth/useViewer';
import { ViewerLanguageSwitcher } from '../features/profile/ViewerLanguageSwitcher';
import { personName } from '../ui/personName';
import { QueryState } from '../ui/QueryState';
import type { MessageKey } from './i18n/en';
import { useI18n } from './i18n/useI18n';
import { NARROW_QUERY } from './theme';

const CUSTOMER_NAV: Array<[string, MessageKey]> = [
  ['/tickets', 'nav.tickets'],
  ['/people', 'nav.people'],
];
const PROFILE_NAV: Array<[string, MessageKey]> = [
  ['/profile', 'nav.profile'],
  ['/profile/integrations', 'nav.integrations'],
];
const STAFF_NAV: Array<[string, MessageKey]> = [
  ['/staff/companies', 'nav.staff.companies'],
  ['/staff/accounts', 'nav.staff.accounts'],
  ['/staff/visibility', 'nav.staff.visibility'],
  ['/staff/audit', 'nav.staff.audit'],
  ['/staff/mail', 'nav.staff.mail'],
];
const HEADER_HEIGHT = 56;

/**
 * The signed-in frame: navigation by what the viewer is, language, sign out. On a narrow screen the
 * header keeps only the menu button and the name; the menu holds navigation, language and Sign out.
 */
export function Layout() {
  const { t, followAccount } = useI18n();
  const { viewer } = useViewer();
  const signOut = useSignOut();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  // read at once rather than after the first paint: a phone never flashes the desktop header
  const narrow = useMediaQuery(NARROW_QUERY, false, { getInitialValueInEffect: false });
  useEffect(() => followAccount(viewer?.language ?? null), [viewer?.language, followAccount]);
  useEffect(close, [location.pathname, close]);
  const nav = [...CUSTOMER_NAV, ...(viewer?.staffRole ? STAFF_NAV : []), ...PROFILE_NAV];
  // the longest entry the path is under: /profile/integrations is not also /profile
  const current = nav
    .map(([to]) => to)
    .filter((to) => location.pathname === to || location.pathname.startsWith(`${to}/`))
    .sort((a, b) => b.length - a.length)[0];
  const signedInAs = viewer ? t('nav.signedInAs', { name: personName(viewer) }) : null;
  const signOutButton = (
    <Button size="xs" variant="default" onClick={() => void signOut()}>
      {t('nav.signOut')}
    </Button>
  );

  return (
    <AppShell header={{ height: HEADER_HEIGHT }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="md">
          <Group wrap="nowrap" gap="sm" style={{ flexShrink: 0 }}>
            <Anchor href="#main" className="skip-link">
              {t('app.skip')}
            </Anchor>
            {narrow && (
              <Burger
                opened={opened}
                onClick={toggle}
                size="sm"
                aria-label={t('nav.menu')}
                aria-expanded={opened}
                aria-controls="main-navigation"
              />
            )}
            <Text fw={700}>{t('app.name')}</Text>
          </Group>
          {!narrow && (
            <Group gap="sm" wrap="nowrap" justify="flex-end" style={{ minWidth: 0, flex: 1 }}>
              {signedInAs && (
                // a long name is cut short with an ellipsis; all of it shows on hover and on focus, in the header's landmark
                <Tooltip label={signedInAs} multiline maw={480} events={{ hover: true, focus: true, touch: false }} withinPortal={false}>
                  <Anchor component={Link} to="/profile" size="sm" truncate="end" maw="24rem" style={{ display: 'block', minWidth: 0 }}>
                    {signedInAs}
                  </Anchor>
                </Tooltip>
              )}
              <ViewerLanguageSwitcher />
              {signOutButton}
            </Group>
          )}
        </Group>
      </AppShell.Header>
      {/* closed on a phone, the menu is off-screen: inert keeps its links out of the Tab order too */}
      <AppShell.Navbar p="xs" aria-label={t('nav.main')} id="main-navigation" inert={narrow && !opened}>
        {nav.map(([to, key]) => (
          <NavLink key={to} component={Link} to={to} label={t(key)} active={to === current} />
        ))}
        {narrow && (
          <Stack gap="sm" mt="md">
            <Divider />
            {signedInAs && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {signedInAs}
              </Text>
            )}
            <ViewerLanguageSwitcher />
            {signOutButton}
          </Stack>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Suspense fallback={<QueryState query={{ loading: true }} />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
