import { Divider, Stack } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { AccountList } from '../../features/accounts/AccountList';
import { accountFilterFromParams, accountFilterToParams } from '../../features/accounts/accountFilterParams';
import { CreateAccountForm } from '../../features/accounts/CreateAccountForm';
import { useViewer } from '../../features/auth/useViewer';

export function AccountsPage() {
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const admin = viewer?.staffRole === 'ADMIN'; // creating and disabling accounts is a staff ADMIN act
  const filter = accountFilterFromParams(params);
  return (
    <Stack>
      {admin && <CreateAccountForm />}
      {admin && <Divider />}
      <AccountList
        filter={filter}
        // a changed search replaces the history entry: back skips the pauses in typing, not the filters
        onFilter={(next) => setParams(accountFilterToParams(next), { replace: next.search !== filter.search })}
        canDisable={admin}
        viewerId={viewer?.id ?? null}
      />
    </Stack>
  );
}
