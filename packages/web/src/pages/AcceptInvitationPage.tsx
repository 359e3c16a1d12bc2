import { Paper } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router';
import { AcceptInvitation } from '../features/invitations/AcceptInvitation';
import { CenteredPage } from '../ui/CenteredPage';

export default function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return (
    <CenteredPage>
      <Paper withBorder p="xl" radius="md">
        <AcceptInvitation token={params.get('token')} onAccepted={() => navigate('/', { replace: true })} />
      </Paper>
    </CenteredPage>
  );
}
