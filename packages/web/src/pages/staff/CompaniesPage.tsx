import { Grid, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { useI18n } from '../../app/i18n/useI18n';
import { CompanyDetail } from '../../features/companies/CompanyDetail';
import { CompanyTree } from '../../features/companies/CompanyTree';

export function CompaniesPage() {
  const { t } = useI18n();
  const { id } = useParams();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Title order={1} size="h2" mb="sm">
          {t('staff.tree')}
        </Title>
        <CompanyTree selectedId={id ?? null} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>{id ? <CompanyDetail id={id} /> : <Text c="dimmed">{t('staff.selectCompany')}</Text>}</Grid.Col>
    </Grid>
  );
}
