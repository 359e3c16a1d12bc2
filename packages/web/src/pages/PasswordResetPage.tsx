import { Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { ForgotPasswordForm } from '../features/security/ForgotPasswordForm';
import { ResetPasswordForm } from '../features/security/ResetPasswordForm';
import { CenteredPage } from '../ui/CenteredPage';

/** /password-reset asks for a link; the emailed /password-reset?token=… sets the new password. */
export default function PasswordResetPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  const welcome = params.get('welcome') === '1'; // the link of a new account's mail
  return (
    <CenteredPage>
      <Paper withBorder p="xl" radius="md">
        {params.has('token') ? (
          <ResetPasswordForm
            key={token}
            token={token}
            welcome={welcome}
            onSignedIn={() => {
              notifications.show({ color: 'green', message: t(welcome ? 'welcome.done' : 'reset.done') });
              void navigate('/', { replace: true });
            }}
          />
        ) : (
          <ForgotPasswordForm />
        )}
      </Paper>
    </CenteredPage>
  );
}
