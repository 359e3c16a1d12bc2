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
  return (
    <CenteredPage>
      <Paper withBorder p="xl" radius="md">
        {params.has('token') ? (
          <ResetPasswordForm
            key={token}
            token={token}
            onSignedIn={() => {
              notifications.show({ color: 'green', message: t('reset.done') });
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
