import type { OutgoingMail } from '../../infrastructure/mail/mailer';
import { singleLineName } from '../../shared/validation';
import { Role } from '../membership/membership.entity';

interface Wording {
  subject: (v: Vars) => string;
  greeting: (v: Vars) => string;
  body: (v: Vars) => string;
  action: string;
  expiry: (v: Vars) => string;
  ignore: string;
  roles: Record<Role, string>;
}

interface Vars {
  firstName: string;
  inviterName: string;
  companyName: string;
  role: string;
  expiresAt: string;
}

const WORDING: Record<'en' | 'de' | 'sk', Wording> = {
  en: {
    subject: (v) => `${v.inviterName} invited you to ${v.companyName}'s service portal`,
    greeting: (v) => `Hello ${v.firstName},`,
    body: (v) =>
      `${v.inviterName} invited you to join ${v.companyName} in the customer portal as ${v.role}. There you can raise service requests and follow their progress.`,
    action: 'Accept the invitation:',
    expiry: (v) => `The link works once and expires on ${v.expiresAt}.`,
    ignore: 'If you did not expect this invitation, you can ignore this email.',
    roles: { ADMINISTRATOR: 'an administrator', MODERATOR: 'a moderator', MEMBER: 'a member' },
  },
  de: {
    subject: (v) => `${v.inviterName} hat Sie zum Serviceportal von ${v.companyName} eingeladen`,
    greeting: (v) => `Hallo ${v.firstName},`,
    body: (v) =>
      `${v.inviterName} hat Sie eingeladen, ${v.companyName} im Kundenportal als ${v.role} beizutreten. Dort können Sie Serviceanfragen stellen und ihren Fortschritt verfolgen.`,
    action: 'Einladung annehmen:',
    expiry: (v) => `Der Link ist einmal gültig und läuft am ${v.expiresAt} ab.`,
    ignore: 'Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren.',
    roles: { ADMINISTRATOR: 'Administrator', MODERATOR: 'Moderator', MEMBER: 'Mitglied' },
  },
  sk: {
    subject: (v) => `${v.inviterName} vás pozval(a) na servisný portál spoločnosti ${v.companyName}`,
    greeting: (v) => `Dobrý deň, ${v.firstName},`,
    body: (v) =>
      `${v.inviterName} vás pozval(a) do zákazníckeho portálu spoločnosti ${v.companyName} v role ${v.role}. Môžete tam zadávať servisné požiadavky a sledovať ich priebeh.`,
    action: 'Prijať pozvánku:',
    expiry: (v) => `Odkaz je jednorazový a platí do ${v.expiresAt}.`,
    ignore: 'Ak ste túto pozvánku nečakali, tento e-mail môžete ignorovať.',
    roles: { ADMINISTRATOR: 'administrátor', MODERATOR: 'moderátor', MEMBER: 'člen' },
  },
};

/** The primary subtag picks the wording (`de-AT` → German); unknown languages get English. */
export function mailLanguage(tag: string): keyof typeof WORDING {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return primary === 'de' || primary === 'sk' ? primary : 'en';
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function invitationMail(input: {
  to: string;
  language: string;
  firstName: string;
  inviterName: string;
  companyName: string;
  role: Role;
  expiresAt: Date;
  acceptUrl: string;
}): OutgoingMail {
  const language = mailLanguage(input.language);
  const w = WORDING[language];
  // names are checked to be one line when entered; rows from before that check are made one here
  const vars: Vars = {
    firstName: singleLineName(input.firstName),
    inviterName: singleLineName(input.inviterName),
    companyName: singleLineName(input.companyName),
    role: w.roles[input.role],
    expiresAt:
      new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(input.expiresAt) + ' UTC',
  };
  // the plain-text part carries the accept link exactly once (runtime.md)
  const text = [w.greeting(vars), '', w.body(vars), '', w.action, input.acceptUrl, '', w.expiry(vars), '', w.ignore, ''].join('\n');
  const e = (s: string) => escapeHtml(s);
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">
<p>${e(w.greeting(vars))}</p><p>${e(w.body(vars))}</p>
<p><a href="${e(input.acceptUrl)}" style="display:inline-block;padding:10px 16px;background:#2457c5;color:#fff;text-decoration:none;border-radius:4px">${e(w.action.replace(/:$/, ''))}</a></p>
<p style="color:#555">${e(w.expiry(vars))}<br>${e(w.ignore)}</p></body></html>`;
  return { to: input.to, subject: w.subject(vars), text, html, language };
}
