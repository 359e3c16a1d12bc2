import { Button, Drawer, Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { AccountDetail } from '../../features/accounts/AccountDetail';
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
  const opened = params.get('account'); // ?account=<id>: the detail drawer, kept on reload
  const phone = useMediaQuery('(max-width: 36em)');
  const setOpened = (id: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (id) next.set('account', id);
      else next.delete('account');
      return next;
    });
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
        onOpen={setOpened}
      />
      <Drawer
        opened={opened !== null}
        onClose={() => setOpened(null)}
        title={t('accountDetail.title')}
        position="right"
        size={phone ? '100%' : 'md'}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {opened && <AccountDetail id={opened} viewerId={viewer?.id ?? null} />}
      </Drawer>
      {/* the list is what staff come for; creating is one click away rather than a form on top of it */}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('staff.createAccount')} size="lg">
        <CreateAccountForm onCreated={() => setCreating(false)} onCancel={() => setCreating(false)} />
      </Modal>
    </>
  );
}
