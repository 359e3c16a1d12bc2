import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { QueryState, type ListFilters, type QueryLike } from './QueryState';

function setup(query: QueryLike, props: { empty?: boolean; emptyText?: string; filters?: ListFilters } = {}) {
  return renderWithProviders(
    <QueryState query={query} {...props}>
      <p>the rows</p>
    </QueryState>,
  );
}

describe('QueryState', () => {
  it('announces loading until the first data arrives, without the rows', () => {
    setup({ loading: true });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.queryByText('the rows')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the rows on screen while a refetch loads', () => {
    setup({ loading: true, data: { rows: 1 } });
    expect(screen.getByText('the rows')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows an error as an alert, with a retry that refetches', async () => {
    const refetch = vi.fn();
    const { user } = setup({ loading: false, error: { message: 'boom' }, refetch });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong: boom');
    expect(screen.queryByText('the rows')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });

  it('prefers the error over loading, and offers no retry without a refetch', () => {
    setup({ loading: true, error: { message: 'offline' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong: offline');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('says a list is empty, in its own words or the common ones', () => {
    const { unmount } = setup({ loading: false, data: {} }, { empty: true });
    expect(screen.getByRole('status')).toHaveTextContent('Nothing here yet.');
    expect(screen.queryByText('the rows')).not.toBeInTheDocument();
    unmount();
    setup({ loading: false, data: {} }, { empty: true, emptyText: 'No members yet.' });
    expect(screen.getByRole('status')).toHaveTextContent('No members yet.');
  });

  it('tells "nothing here yet" from "nothing matches these filters", and offers to clear the filters', async () => {
    const onClear = vi.fn();
    const { unmount } = setup(
      { loading: false, data: {} },
      { empty: true, emptyText: 'No tickets yet.', filters: { active: false, onClear } },
    );
    expect(screen.getByRole('status')).toHaveTextContent('No tickets yet.');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
    unmount();
    const { user } = setup({ loading: false, data: {} }, { empty: true, emptyText: 'No tickets yet.', filters: { active: true, onClear } });
    expect(screen.getByRole('status')).toHaveTextContent('Nothing matches these filters.');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('says a list’s own no-match text and clear label, and keeps the rows while filtered rows exist', () => {
    const { unmount } = setup(
      { loading: false, data: {} },
      { empty: true, filters: { active: true, noMatchText: 'No company matches “x”.', clearLabel: 'Clear search', onClear: vi.fn() } },
    );
    expect(screen.getByRole('status')).toHaveTextContent('No company matches “x”.');
    expect(screen.getByRole('button', { name: 'Clear search' })).toBeInTheDocument();
    unmount();
    setup({ loading: false, data: {} }, { empty: false, filters: { active: true, onClear: vi.fn() } });
    expect(screen.getByText('the rows')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument();
  });

  it('shows the rows once loaded, with nothing announced', () => {
    setup({ loading: false, data: { rows: 1 } });
    expect(screen.getByText('the rows')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
