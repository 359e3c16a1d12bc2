import { Divider, Stack } from '@mantine/core';
import { AccountsByCompany } from '../../features/accounts/AccountsByCompany';
import { CreateAccountForm } from '../../features/accounts/CreateAccountForm';
import { useViewer } from '../../features/auth/useViewer';

export function AccountsPage() {
  const { viewer } = useViewer();
  const admin = viewer?.staffRole === 'ADMIN'; // creating and disabling accounts is a staff ADMIN act
  return (
    <Stack>
      {admin && <CreateAccountForm />}
      {admin && <Divider />}
      <AccountsByCompany canDisable={admin} />
    </Stack>
  );
}
