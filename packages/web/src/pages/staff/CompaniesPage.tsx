import { Button, Grid, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { useViewer } from '../../features/auth/useViewer';
import { CompanyDetail } from '../../features/companies/CompanyDetail';
import { CompanyTree } from '../../features/companies/CompanyTree';
import { CreateCompanyDialog } from '../../features/companies/CreateCompanyDialog';

export function CompaniesPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const { viewer } = useViewer();
  const [creating, setCreating] = useState(false);
  const admin = viewer?.staffRole === 'ADMIN'; // creating companies is a staff ADMIN act
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Group justify="space-between" mb="sm">
          <Title order={1} size="h2">
            {t('staff.tree')}
          </Title>
          {admin && (
            <Button size="xs" onClick={() => setCreating(true)}>
              {t('staff.newCompany')}
            </Button>
          )}
        </Group>
        <CompanyTree selectedId={id ?? null} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>{id ? <CompanyDetail id={id} /> : <Text c="dimmed">{t('staff.selectCompany')}</Text>}</Grid.Col>
      {creating && (
        <CreateCompanyDialog
          defaultParentId={id ?? null}
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            navigate(`/staff/companies/${created}`);
          }}
        />
      )}
    </Grid>
  );
}
