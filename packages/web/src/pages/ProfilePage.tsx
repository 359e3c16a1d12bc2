import { Stack, Title } from '@mantine/core';
import { useI18n } from '../app/i18n/useI18n';
import { useViewer } from '../features/auth/useViewer';
import { NotificationSettings } from '../features/profile/NotificationSettings';
import { ProfileForm } from '../features/profile/ProfileForm';
import { SecuritySettings } from '../features/security/SecuritySettings';

/** /profile: the own names and language, which emails arrive (mails link to /profile#notifications), password and sessions (#security). */
export default function ProfilePage() {
  const { t } = useI18n();
  const { viewer } = useViewer();
  if (!viewer) return null;
  return (
    <Stack maw={720}>
      <Title order={1} size="h2">
        {t('profile.title')}
      </Title>
      {/* a language switched in the header meanwhile is the new starting point */}
      <ProfileForm key={viewer.language} viewer={viewer} />
      <NotificationSettings />
      <SecuritySettings viewer={viewer} />
    </Stack>
  );
}
