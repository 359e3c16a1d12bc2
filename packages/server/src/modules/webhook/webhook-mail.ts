import type { OutboxMailInput } from '../../infrastructure/outbox';
import { singleLineName } from '../../shared/validation';
import { mailLanguage } from '../invitation/invitation-mail';
import { WebhookDisabledReason } from './webhook.entity';

type Automatic = Exclude<WebhookDisabledReason, WebhookDisabledReason.DEACTIVATED>;

const WORDING = {
  en: {
    subject: 'Your webhook was turned off',
    greeting: (name: string) => `Hello ${name},`,
    lead: (url: string) => `The service portal turned off your webhook to ${url}:`,
    why: {
      FAILED_FOR_24_HOURS: 'its deliveries kept failing for 24 hours.',
      CONSECUTIVE_FAILURES: 'its last 50 deliveries failed.',
    } satisfies Record<Automatic, string>,
    lastError: 'The last error:',
    fix: 'It gets no more events until it is turned on again. Fix the receiver, then turn the webhook on (and send missed deliveries again) here:',
  },
  de: {
    subject: 'Ihr Webhook wurde ausgeschaltet',
    greeting: (name: string) => `Hallo ${name},`,
    lead: (url: string) => `Das Serviceportal hat Ihren Webhook an ${url} ausgeschaltet:`,
    why: {
      FAILED_FOR_24_HOURS: 'Seine Zustellungen sind 24 Stunden lang fehlgeschlagen.',
      CONSECUTIVE_FAILURES: 'Seine letzten 50 Zustellungen sind fehlgeschlagen.',
    } satisfies Record<Automatic, string>,
    lastError: 'Der letzte Fehler:',
    fix: 'Er erhält keine Ereignisse mehr, bis er wieder eingeschaltet wird. Beheben Sie den Fehler beim Empfänger und schalten Sie den Webhook hier wieder ein (verpasste Zustellungen können Sie erneut senden):',
  },
  sk: {
    subject: 'Váš webhook bol vypnutý',
    greeting: (name: string) => `Dobrý deň, ${name},`,
    lead: (url: string) => `Servisný portál vypol váš webhook na ${url}:`,
    why: {
      FAILED_FOR_24_HOURS: 'jeho doručenia zlyhávali 24 hodín.',
      CONSECUTIVE_FAILURES: 'jeho posledných 50 doručení zlyhalo.',
    } satisfies Record<Automatic, string>,
    lastError: 'Posledná chyba:',
    fix: 'Kým ho znova nezapnete, nedostane žiadne udalosti. Opravte prijímač a webhook znova zapnite tu (zmeškané doručenia môžete poslať znova):',
  },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * "Your webhook was turned off" (integration.md: after 24 hours or 50 consecutive failures the
 * webhook is disabled and its owner mailed), in the owner's language, with the last error and
 * the link to the integrations page.
 */
export function webhookDisabledMail(input: {
  webhookId: string;
  url: string;
  reason: Automatic;
  lastError: string;
  disabledAt: Date;
  owner: { id: string; email: string; language: string; firstName: string };
  publicUrl: string;
}): OutboxMailInput {
  const language = mailLanguage(input.owner.language);
  const w = WORDING[language];
  const name = singleLineName(input.owner.firstName);
  const link = `${input.publicUrl}/profile/integrations`;
  const url = singleLineName(input.url);
  const text = [w.greeting(name), '', w.lead(url), w.why[input.reason], '', w.lastError, input.lastError, '', w.fix, link, ''].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">
<p>${e(w.greeting(name))}</p><p>${e(w.lead(url))} ${e(w.why[input.reason])}</p>
<p>${e(w.lastError)}<br><code>${e(input.lastError)}</code></p>
<p>${e(w.fix)}<br><a href="${e(link)}">${e(link)}</a></p></body></html>`;
  return {
    kind: 'WEBHOOK_DISABLED',
    // once per time the webhook is turned off
    dedupeKey: `webhook-disabled:${input.webhookId}:${input.disabledAt.getTime()}`,
    recipientAccountId: input.owner.id,
    to: input.owner.email,
    language,
    subject: w.subject,
    text,
    html,
    headers: { 'X-Clientele-Webhook': input.webhookId },
  };
}
