import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { CreateTicketDialog } from '../features/tickets/CreateTicketDialog';
import { TicketList } from '../features/tickets/TicketList';
import { ticketFilterFromParams, ticketFilterToParams } from '../features/tickets/ticketFilterParams';
import { useVisibleCompanies } from '../features/tickets/useVisibleCompanies';
import { useViewer } from '../features/auth/useViewer';

export default function TicketsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { count, onlyId, mayRaiseInOnly } = useVisibleCompanies();
  const filter = ticketFilterFromParams(params);
  const [creating, setCreating] = useState(false);
  // staff export what the list shows; customers list their tickets but export nothing (docs/decisions.md, issue 17)
  const staff = useViewer().viewer?.staffRole != null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('tickets.title')}
        </Title>
        {count > 0 && mayRaiseInOnly !== false && <Button onClick={() => setCreating(true)}>{t('tickets.new')}</Button>}
      </Group>
      <TicketList
        filter={filter}
        exportable={staff}
        // a changed search replaces the history entry: back skips the pauses in typing, not the filters
        onFilter={(next) => setParams(ticketFilterToParams(next), { replace: next.search !== filter.search })}
      />
      {creating && (
        <CreateTicketDialog
          defaultCompanyId={onlyId}
          opened
          onClose={() => setCreating(false)}
          onCreated={(id) => navigate(`/tickets/${id}`)}
        />
      )}
    </Stack>
  );
}
