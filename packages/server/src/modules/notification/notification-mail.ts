import type { OutboxMailInput } from '../../infrastructure/outbox';
import { TicketStatus } from '../ticket/ticket.entity';
import { mailLanguage } from '../invitation/invitation-mail';

/** conversation.md, NotificationEvent. */
export enum NotificationEvent {
  TICKET_CREATED = 'TICKET_CREATED',
  COMMENT_ADDED = 'COMMENT_ADDED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  ASSIGNED = 'ASSIGNED',
}

/** Why a recipient is told: said in the mail's footer ("who is told, and why"). */
export enum NotificationReason {
  PARTICIPANT = 'PARTICIPANT',
  COMPANY_WIDE = 'COMPANY_WIDE',
  STAFF_ALL = 'STAFF_ALL',
  NEW_ASSIGNEE = 'NEW_ASSIGNEE',
}

export interface NotificationContent {
  event: NotificationEvent;
  ticket: { id: string; number: number; title: string; companyName: string };
  actorName: string;
  comment?: { body: string; authorName: string; internal: boolean };
  status?: { from: TicketStatus; to: TicketStatus };
  assigneeName?: string;
}

interface Wording {
  subject: Record<NotificationEvent, (c: NotificationContent) => string>;
  internalSubject: (c: NotificationContent) => string;
  lead: Record<NotificationEvent, (c: NotificationContent, toYou: boolean) => string>;
  internalLead: (c: NotificationContent) => string;
  open: string;
  why: Record<NotificationReason, string>;
  settings: string;
  statuses: Record<TicketStatus, string>;
}

const WORDING: Record<'en' | 'de' | 'sk', Wording> = {
  en: {
    subject: {
      TICKET_CREATED: (c) => `New ticket: ${c.ticket.title}`,
      COMMENT_ADDED: (c) => `New reply: ${c.ticket.title}`,
      STATUS_CHANGED: (c) => `${WORDING.en.statuses[c.status!.to]}: ${c.ticket.title}`,
      ASSIGNED: (c) => `Assigned: ${c.ticket.title}`,
    },
    internalSubject: (c) => `Internal note: ${c.ticket.title}`,
    lead: {
      TICKET_CREATED: (c) => `${c.actorName} raised a new ticket for ${c.ticket.companyName}: "${c.ticket.title}".`,
      COMMENT_ADDED: (c) => `${c.comment!.authorName} replied on "${c.ticket.title}" (${c.ticket.companyName}):`,
      STATUS_CHANGED: (c) =>
        `${c.actorName} changed the status of "${c.ticket.title}" from ${WORDING.en.statuses[c.status!.from]} to ${WORDING.en.statuses[c.status!.to]}.`,
      ASSIGNED: (c, toYou) =>
        toYou ? `${c.actorName} assigned "${c.ticket.title}" to you.` : `${c.actorName} assigned "${c.ticket.title}" to ${c.assigneeName}.`,
    },
    internalLead: (c) =>
      `${c.comment!.authorName} added an internal note on "${c.ticket.title}" (staff only, never shown to the customer):`,
    open: 'Open the ticket:',
    why: {
      PARTICIPANT: 'You get this email because you take part in this ticket.',
      COMPANY_WIDE: "You get this email because you follow all of your company's tickets.",
      STAFF_ALL: 'You get this email because you follow all tickets.',
      NEW_ASSIGNEE: 'You get this email because the ticket was assigned to you.',
    },
    settings: 'Choose which emails you get:',
    statuses: { NEW: 'New', OPEN: 'Open', WAITING: 'Waiting', RESOLVED: 'Resolved', CLOSED: 'Closed' },
  },
  de: {
    subject: {
      TICKET_CREATED: (c) => `Neues Ticket: ${c.ticket.title}`,
      COMMENT_ADDED: (c) => `Neue Antwort: ${c.ticket.title}`,
      STATUS_CHANGED: (c) => `${WORDING.de.statuses[c.status!.to]}: ${c.ticket.title}`,
      ASSIGNED: (c) => `Zugewiesen: ${c.ticket.title}`,
    },
    internalSubject: (c) => `Interne Notiz: ${c.ticket.title}`,
    lead: {
      TICKET_CREATED: (c) => `${c.actorName} hat für ${c.ticket.companyName} ein neues Ticket erstellt: „${c.ticket.title}“.`,
      COMMENT_ADDED: (c) => `${c.comment!.authorName} hat auf „${c.ticket.title}“ (${c.ticket.companyName}) geantwortet:`,
      STATUS_CHANGED: (c) =>
        `${c.actorName} hat den Status von „${c.ticket.title}“ von ${WORDING.de.statuses[c.status!.from]} auf ${WORDING.de.statuses[c.status!.to]} geändert.`,
      ASSIGNED: (c, toYou) =>
        toYou
          ? `${c.actorName} hat Ihnen „${c.ticket.title}“ zugewiesen.`
          : `${c.actorName} hat „${c.ticket.title}“ ${c.assigneeName} zugewiesen.`,
    },
    internalLead: (c) =>
      `${c.comment!.authorName} hat eine interne Notiz zu „${c.ticket.title}“ hinzugefügt (nur für das Team, nie für den Kunden sichtbar):`,
    open: 'Ticket öffnen:',
    why: {
      PARTICIPANT: 'Sie erhalten diese E-Mail, weil Sie an diesem Ticket beteiligt sind.',
      COMPANY_WIDE: 'Sie erhalten diese E-Mail, weil Sie alle Tickets Ihrer Firma verfolgen.',
      STAFF_ALL: 'Sie erhalten diese E-Mail, weil Sie alle Tickets verfolgen.',
      NEW_ASSIGNEE: 'Sie erhalten diese E-Mail, weil Ihnen das Ticket zugewiesen wurde.',
    },
    settings: 'Wählen Sie, welche E-Mails Sie erhalten:',
    statuses: { NEW: 'Neu', OPEN: 'Offen', WAITING: 'Wartend', RESOLVED: 'Gelöst', CLOSED: 'Geschlossen' },
  },
  sk: {
    subject: {
      TICKET_CREATED: (c) => `Nová požiadavka: ${c.ticket.title}`,
      COMMENT_ADDED: (c) => `Nová odpoveď: ${c.ticket.title}`,
      STATUS_CHANGED: (c) => `${WORDING.sk.statuses[c.status!.to]}: ${c.ticket.title}`,
      ASSIGNED: (c) => `Pridelené: ${c.ticket.title}`,
    },
    internalSubject: (c) => `Interná poznámka: ${c.ticket.title}`,
    lead: {
      TICKET_CREATED: (c) => `${c.actorName} zadal(a) novú požiadavku pre ${c.ticket.companyName}: „${c.ticket.title}“.`,
      COMMENT_ADDED: (c) => `${c.comment!.authorName} odpovedal(a) na „${c.ticket.title}“ (${c.ticket.companyName}):`,
      STATUS_CHANGED: (c) =>
        `${c.actorName} zmenil(a) stav „${c.ticket.title}“ z ${WORDING.sk.statuses[c.status!.from]} na ${WORDING.sk.statuses[c.status!.to]}.`,
      ASSIGNED: (c, toYou) =>
        toYou
          ? `${c.actorName} vám pridelil(a) „${c.ticket.title}“.`
          : `${c.actorName} pridelil(a) „${c.ticket.title}“ osobe ${c.assigneeName}.`,
    },
    internalLead: (c) =>
      `${c.comment!.authorName} pridal(a) internú poznámku k „${c.ticket.title}“ (len pre tím, zákazník ju nikdy neuvidí):`,
    open: 'Otvoriť požiadavku:',
    why: {
      PARTICIPANT: 'Tento e-mail dostávate, pretože sa na tejto požiadavke podieľate.',
      COMPANY_WIDE: 'Tento e-mail dostávate, pretože sledujete všetky požiadavky vašej spoločnosti.',
      STAFF_ALL: 'Tento e-mail dostávate, pretože sledujete všetky požiadavky.',
      NEW_ASSIGNEE: 'Tento e-mail dostávate, pretože vám bola požiadavka pridelená.',
    },
    settings: 'Vyberte si, ktoré e-maily dostávate:',
    statuses: { NEW: 'Nová', OPEN: 'Otvorená', WAITING: 'Čaká', RESOLVED: 'Vyriešená', CLOSED: 'Uzavretá' },
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * One notification email for one recipient, in the recipient's language (conversation.md): the
 * headers, a subject with the ticket's number and title, the ticket link exactly once in the plain-text part,
 * the comment as plain text (escaped in the HTML part: never rendered as markup), and the link to
 * the notification settings. The caller decides who gets it; this only words it.
 */
export function notificationMail(input: {
  eventId: string;
  content: NotificationContent;
  recipient: { id: string; email: string; language: string };
  reason: NotificationReason;
  publicUrl: string;
}): OutboxMailInput {
  const { content, recipient } = input;
  const language = mailLanguage(recipient.language);
  const w = WORDING[language];
  const internal = content.comment?.internal === true;
  const ticketUrl = `${input.publicUrl}/tickets/${content.ticket.id}`;
  const settingsUrl = `${input.publicUrl}/profile#notifications`;
  const toYou = content.event === NotificationEvent.ASSIGNED && input.reason === NotificationReason.NEW_ASSIGNEE;
  const lead = internal ? w.internalLead(content) : w.lead[content.event](content, toYou);
  // the ticket's number first (issue 17): what people quote on the phone, and what mail clients thread on
  const subject = `[#${content.ticket.number}] ${internal ? w.internalSubject(content) : w.subject[content.event](content)}`;
  const quoted = content.comment ? content.comment.body : null;
  const text = [
    lead,
    '',
    ...(quoted !== null ? [quoted, ''] : []),
    w.open,
    ticketUrl,
    '',
    '--',
    w.why[input.reason],
    w.settings,
    settingsUrl,
    '',
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">
<p>${e(lead)}</p>${
    quoted !== null
      ? `<blockquote style="margin:0 0 1em;padding:8px 12px;border-left:3px solid ${internal ? '#e8a33d' : '#2457c5'};white-space:pre-wrap">${e(quoted)}</blockquote>`
      : ''
  }
<p><a href="${e(ticketUrl)}" style="display:inline-block;padding:10px 16px;background:#2457c5;color:#fff;text-decoration:none;border-radius:4px">${e(w.open.replace(/:$/, ''))}</a></p>
<p style="color:#555;font-size:90%">${e(w.why[input.reason])}<br><a href="${e(settingsUrl)}">${e(w.settings.replace(/:$/, ''))}</a></p></body></html>`;
  return {
    kind: 'NOTIFICATION',
    dedupeKey: `${input.eventId}:${recipient.id}`,
    recipientAccountId: recipient.id,
    to: recipient.email,
    language,
    subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 998),
    text,
    html,
    headers: {
      'X-Clientele-Event': content.event,
      'X-Clientele-Ticket': content.ticket.id,
      'List-Unsubscribe': `<${settingsUrl}>`,
    },
    event: content.event,
    ticketId: content.ticket.id,
  };
}
