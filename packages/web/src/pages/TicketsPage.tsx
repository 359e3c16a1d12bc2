import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../app/i18n/useI18n';
import { CreateTicketDialog } from '../features/tickets/CreateTicketDialog';
import { TicketList } from '../features/tickets/TicketList';
import { useVisibleCompanies } from '../features/tickets/useVisibleCompanies';
import type { TicketStatus } from '../gql/graphql';

export default function TicketsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { companies } = useVisibleCompanies();
  const [creating, setCreating] = useState(false);
  const company = params.get('company');
  const status = params.get('status') as TicketStatus | null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('tickets.title')}
        </Title>
        {companies.length > 0 && <Button onClick={() => setCreating(true)}>{t('tickets.new')}</Button>}
      </Group>
      <TicketList
        companies={companies}
        companyId={company}
        status={status}
        onFilter={(next) => {
          const p = new URLSearchParams();
          if (next.company) p.set('company', next.company);
          if (next.status) p.set('status', next.status);
          setParams(p);
        }}
      />
      {creating && (
        <CreateTicketDialog
          companies={companies}
          opened
          onClose={() => setCreating(false)}
          onCreated={(id) => navigate(`/tickets/${id}`)}
        />
      )}
    </Stack>
  );
}
