import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { TableScroll } from './TableScroll';

const table = (
  <TableScroll label="Tickets" minWidth={720}>
    <table aria-label="Tickets">
      <tbody>
        <tr>
          <td>Printer jams</td>
        </tr>
      </tbody>
    </table>
  </TableScroll>
);

/** jsdom lays nothing out: the box's widths as a browser would measure them. */
function widths(scroll: number, client: number) {
  Object.defineProperty(HTMLElement.prototype, 'scrollWidth', { configurable: true, get: () => scroll });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => client });
}

describe('TableScroll', () => {
  afterEach(() => {
    for (const property of ['scrollWidth', 'clientWidth']) Reflect.deleteProperty(HTMLElement.prototype, property);
  });

  it('is a named region in the Tab order while the table is wider than the screen', () => {
    widths(720, 358);
    renderWithProviders(table);
    const region = screen.getByRole('region', { name: 'Tickets' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toContainElement(screen.getByRole('table', { name: 'Tickets' }));
  });

  it('is neither a region nor a Tab stop when the table fits', () => {
    widths(1028, 1028);
    renderWithProviders(table);
    expect(screen.getByRole('table', { name: 'Tickets' })).toBeInTheDocument();
    expect(screen.queryByRole('region')).not.toBeInTheDocument();
    expect(document.querySelector('[tabindex="0"]')).toBeNull();
  });
});
