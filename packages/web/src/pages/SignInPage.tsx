import { Alert, Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { SignInForm } from '../features/auth/SignInForm';
import { useViewer } from '../features/auth/useViewer';
import { CenteredPage } from '../ui/CenteredPage';

/** Only same-site paths: a crafted ?next= must not send people elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export function SignInPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const next = safeNext(params.get('next'));
  const [secondStep, setSecondStep] = useState(false);
  if (viewer) return <Navigate to={next} replace />;
  return (
    <CenteredPage>
      <Paper withBorder p="xl" radius="md">
        <Stack>
          <Title order={1} size="h2">
            {t('signIn.title')}
          </Title>
          {params.get('signedOut') && !secondStep && (
            <Alert color="green" role="status">
              {t(params.get('signedOut') === 'everywhere' ? 'signIn.signedOutEverywhere' : 'signIn.signedOut')}
            </Alert>
          )}
          <SignInForm onSignedIn={() => navigate(next, { replace: true })} onSecondStep={setSecondStep} />
          {/* the password was right: no way to reset it in the middle of the second step */}
          {!secondStep && (
            <Anchor component={Link} to="/password-reset" size="sm">
              {t('signIn.forgot')}
            </Anchor>
          )}
          {/* a development aid: a built app may face a server without the demo data (production mode refuses it) */}
          {import.meta.env.DEV && (
            <Text size="xs" c="dimmed">
              {t('signIn.demo')}
            </Text>
          )}
        </Stack>
      </Paper>
    </CenteredPage>
  );
}
