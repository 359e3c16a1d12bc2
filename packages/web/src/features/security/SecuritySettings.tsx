import { Divider, Paper, Stack, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionList } from './SessionList';
import { TwoFactorSettings } from './TwoFactorSettings';

/** The section's id: /profile#security. */
export const SECURITY_ANCHOR = 'security';

/** The profile's Security section: the own password, two-step sign-in and where the account is signed in. */
export function SecuritySettings({ viewer }: { viewer: { id: string; email: string } }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const { hash } = useLocation();

  // the browser looked for #security before this section existed
  useEffect(() => {
    if (hash === `#${SECURITY_ANCHOR}`) {
      heading.current?.scrollIntoView({ block: 'start' });
      heading.current?.focus();
    }
  }, [hash]);

  return (
    <Paper component="section" id={SECURITY_ANCHOR} withBorder p="md" aria-labelledby="security-heading">
      <Stack>
        <Title order={2} size="h3" id="security-heading" ref={heading} tabIndex={-1}>
          {t('security.title')}
        </Title>
        <ChangePasswordForm viewer={viewer} />
        <Divider />
        <TwoFactorSettings />
        <Divider />
        <SessionList />
      </Stack>
    </Paper>
  );
}
