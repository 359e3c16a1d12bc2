import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { AccountList } from '../../features/accounts/AccountList';
import { accountFilterFromParams, accountFilterToParams } from '../../features/accounts/accountFilterParams';
import { CreateAccountForm } from '../../features/accounts/CreateAccountForm';
import { useViewer } from '../../features/auth/useViewer';

export function AccountsPage() {
  const { t } = useI18n();
  const { viewer } = useViewer();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const admin = viewer?.staffRole === 'ADMIN'; // creating, disabling and anyone's email settings are a staff ADMIN act
  const filter = accountFilterFromParams(params);
  return (
    <>
      <AccountList
        filter={filter}
        // a changed search replaces the history entry: back skips the pauses in typing, not the filters
        onFilter={(next) => setParams(accountFilterToParams(next), { replace: next.search !== filter.search })}
        canDisable={admin}
        canSetNotifications={admin}
        viewerId={viewer?.id ?? null}
        actions={admin && <Button onClick={() => setCreating(true)}>{t('staff.createAccount')}</Button>}
      />
      {/* the list is what staff come for; creating is one click away rather than a form on top of it */}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('staff.createAccount')} size="lg">
        <CreateAccountForm onCreated={() => setCreating(false)} />
      </Modal>
    </>
  );
}
