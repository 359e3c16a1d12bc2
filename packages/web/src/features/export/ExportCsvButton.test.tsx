import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ExportCsvButton } from './ExportCsvButton';

/** fetch answering `response`; the saved file (name and text) is what the link the button clicks carries. */
function stub(response: () => Response) {
  const fetch = vi.fn(async () => response());
  vi.stubGlobal('fetch', fetch);
  const saved: Array<{ name: string; blob: Blob }> = [];
  const blobs = new Map<string, Blob>();
  vi.stubGlobal(
    'URL',
    Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.set('blob:1', blob), 'blob:1'), revokeObjectURL: vi.fn() }),
  );
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.getAttribute('href')!)! });
  });
  return { fetch, saved };
}

const refusal = (status: number, extensions: object, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ errors: [{ message: 'refused', extensions }] }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('ExportCsvButton', () => {
  beforeEach(() => vi.useRealTimers());
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('downloads every row the filters match from the server, under the name the server gives', async () => {
    const { fetch, saved } = stub(
      () =>
        new Response('\uFEFFNumber,Title\r\n1042,Printer\r\n', {
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="tickets-2026-05-04.csv"' },
        }),
    );
    const params = new URLSearchParams([
      ['companyId', 'cmp_1'],
      ['status', 'OPEN'],
      ['search', 'printer'],
    ]);
    const { user } = renderWithProviders(<ExportCsvButton list="tickets" params={params} total={230} />);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(fetch).toHaveBeenCalledWith('/export/tickets.csv?companyId=cmp_1&status=OPEN&search=printer', { credentials: 'same-origin' });
    expect(saved[0].name).toBe('tickets-2026-05-04.csv');
    expect(await saved[0].blob.text()).toContain('1042,Printer');
  });

  it('says why the server refused: too many rows, or too many exports just now', async () => {
    stub(() => refusal(400, { code: 'INVALID_INPUT', rows: 123456, maxRows: 100000 }));
    const { user, unmount } = renderWithProviders(<ExportCsvButton list="audit" params={new URLSearchParams()} total={123456} />);
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const number = (n: number) => new Intl.NumberFormat(navigator.language).format(n);
    expect(
      await screen.findByText(
        `This list has ${number(123456)} rows; one export takes at most ${number(100000)}. Narrow the filters, then export again.`,
      ),
    ).toBeInTheDocument();
    unmount();
    vi.unstubAllGlobals();
    stub(() => refusal(429, { code: 'RATE_LIMITED', retryAfterSeconds: 7 }, { 'retry-after': '7' }));
    const second = renderWithProviders(<ExportCsvButton list="accounts" params={new URLSearchParams()} total={3} />);
    await second.user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Too many exports in a short time. Try again in 7 seconds.')).toBeInTheDocument();
  });

  it('offers nothing to export for an empty list', () => {
    stub(() => new Response(''));
    renderWithProviders(<ExportCsvButton list="accounts" params={new URLSearchParams()} total={0} />);
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();
  });
});
