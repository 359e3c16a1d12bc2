import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/useI18n';

/** The staff lists the server exports (`GET /export/<list>.csv`, packages/server/src/http/export-route.ts). */
export type ExportList = 'tickets' | 'accounts' | 'audit';

interface Refusal {
  errors?: Array<{ message?: string; extensions?: { code?: string; rows?: number; maxRows?: number; retryAfterSeconds?: number } }>;
}

/** `tickets-2026-05-04.csv`, as the server names the file. */
const fileNameOf = (disposition: string | null, list: ExportList) => /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? `${list}.csv`;

/** Hands a downloaded file to the browser to save. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Export CSV": every row the list's current filters match (all pages, not just those loaded), as
 * the server streams it for the signed-in staff member. Fetched rather than followed as a link, so
 * a refusal (too many rows, rate limited) is said in the portal's words instead of a failed download.
 */
export function ExportCsvButton({ list, params, total }: { list: ExportList; params: URLSearchParams; total: number | undefined }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);

  async function run() {
    setBusy(true);
    try {
      const query = params.toString();
      const response = await fetch(`/export/${list}.csv${query ? `?${query}` : ''}`, { credentials: 'same-origin' });
      if (response.ok) {
        save(await response.blob(), fileNameOf(response.headers.get('content-disposition'), list));
        return;
      }
      const refusal = (await response.json().catch(() => null)) as Refusal | null;
      const error = refusal?.errors?.[0];
      const ext = error?.extensions;
      let message: string;
      if (response.status === 429)
        message = t('export.rateLimited', { seconds: ext?.retryAfterSeconds ?? Number(response.headers.get('retry-after') ?? 60) });
      else if (ext?.rows !== undefined && ext.maxRows !== undefined)
        message = t('export.tooMany', { rows: number(ext.rows), max: number(ext.maxRows) });
      else message = t('export.failed', { message: error?.message ?? `HTTP ${response.status}` });
      notifications.show({ color: 'red', message, autoClose: 10_000 });
    } catch (err) {
      notifications.show({ color: 'red', message: t('export.failed', { message: (err as Error).message }), autoClose: 10_000 });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button variant="default" size="xs" loading={busy} disabled={total === 0} onClick={() => void run()}>
      {t('export.csv')}
    </Button>
  );
}
