import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useI18n } from '../app/i18n/useI18n';
import { renderWithProviders } from '../test/render';
import { ListSummary } from './ListSummary';

function Tickets({ shown, total }: { shown: number; total: number | undefined }) {
  const { t } = useI18n();
  return (
    <ListSummary shown={shown} total={total} count={(count) => t('tickets.count', { count })}>
      <button type="button">Export CSV</button>
    </ListSummary>
  );
}

describe('ListSummary', () => {
  it('counts the whole list when every row is on screen', () => {
    renderWithProviders(<Tickets shown={12} total={12} />);
    expect(screen.getByText('12 tickets')).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeInTheDocument();
  });

  it('says how many of how many while more can be loaded, numbers as the locale writes them', () => {
    renderWithProviders(<Tickets shown={25} total={1234} />);
    expect(screen.getByText(`Showing 25 of ${new Intl.NumberFormat('en').format(1234)} tickets`)).toBeInTheDocument();
  });

  it('says nothing before the first page has come', () => {
    renderWithProviders(<Tickets shown={0} total={undefined} />);
    expect(screen.queryByText(/ticket/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
