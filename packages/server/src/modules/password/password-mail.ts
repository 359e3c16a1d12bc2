import type { OutgoingMail } from '../../infrastructure/mail/mailer';
import { singleLineName } from '../../shared/validation';
import { mailLanguage } from '../invitation/invitation-mail';

const WORDING = {
  en: {
    subject: 'Reset your password for the service portal',
    greeting: (name: string) => `Hello ${name},`,
    body: 'Someone (hopefully you) asked to reset the password of your service portal account. Choose a new password here:',
    expiry: 'The link works once, for 60 minutes. Resetting signs you out everywhere else.',
    ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
    action: 'Choose a new password',
  },
  de: {
    subject: 'Passwort für das Serviceportal zurücksetzen',
    greeting: (name: string) => `Hallo ${name},`,
    body: 'Jemand (hoffentlich Sie) hat verlangt, das Passwort Ihres Kontos im Serviceportal zurückzusetzen. Wählen Sie hier ein neues Passwort:',
    expiry: 'Der Link ist einmal und 60 Minuten lang gültig. Das Zurücksetzen meldet Sie überall sonst ab.',
    ignore: 'Falls Sie das nicht verlangt haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
    action: 'Neues Passwort wählen',
  },
  sk: {
    subject: 'Obnovenie hesla do servisného portálu',
    greeting: (name: string) => `Dobrý deň, ${name},`,
    body: 'Niekto (dúfame, že vy) požiadal o obnovenie hesla k vášmu účtu v servisnom portáli. Nové heslo si zvoľte tu:',
    expiry: 'Odkaz je jednorazový a platí 60 minút. Obnovenie hesla vás odhlási na všetkých ostatných miestach.',
    ignore: 'Ak ste o to nežiadali, tento e-mail ignorujte: vaše heslo zostáva nezmenené.',
    action: 'Zvoliť nové heslo',
  },
} as const;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The reset mail: the link exactly once in the plain-text part (account-security.md), in the account's language. */
export function passwordResetMail(input: { to: string; language: string; firstName: string; resetUrl: string }): OutgoingMail {
  const language = mailLanguage(input.language);
  const w = WORDING[language];
  const name = singleLineName(input.firstName);
  const text = [w.greeting(name), '', w.body, input.resetUrl, '', w.expiry, '', w.ignore, ''].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">
<p>${e(w.greeting(name))}</p><p>${e(w.body)}</p>
<p><a href="${e(input.resetUrl)}" style="display:inline-block;padding:10px 16px;background:#2457c5;color:#fff;text-decoration:none;border-radius:4px">${e(w.action)}</a></p>
<p style="color:#555">${e(w.expiry)}<br>${e(w.ignore)}</p></body></html>`;
  return { to: input.to, subject: w.subject, text, html, language };
}

const SETUP_WORDING = {
  en: {
    subject: 'An account was created for you in the service portal',
    greeting: (name: string) => `Hello ${name},`,
    body: (email: string) => `An account was created for you in the service portal, to sign in as ${email}. Choose your password here:`,
    expiry: 'The link works once, for 7 days. After that, use “Forgot password?” on the sign-in page to get a new one.',
    ignore: 'If you did not expect this, you can ignore this email: nobody can sign in to the account without a password.',
    action: 'Choose your password',
  },
  de: {
    subject: 'Für Sie wurde ein Konto im Serviceportal angelegt',
    greeting: (name: string) => `Hallo ${name},`,
    body: (email: string) => `Für Sie wurde ein Konto im Serviceportal angelegt, mit der Anmeldung ${email}. Wählen Sie hier Ihr Passwort:`,
    expiry: 'Der Link ist einmal und 7 Tage lang gültig. Danach erhalten Sie über „Passwort vergessen?“ auf der Anmeldeseite einen neuen.',
    ignore: 'Falls Sie das nicht erwartet haben, ignorieren Sie diese E-Mail: Ohne Passwort kann sich niemand bei dem Konto anmelden.',
    action: 'Passwort wählen',
  },
  sk: {
    subject: 'V servisnom portáli vám bol vytvorený účet',
    greeting: (name: string) => `Dobrý deň, ${name},`,
    body: (email: string) => `V servisnom portáli vám bol vytvorený účet s prihlásením ${email}. Heslo si zvoľte tu:`,
    expiry: 'Odkaz je jednorazový a platí 7 dní. Potom si nový vyžiadate cez „Zabudnuté heslo?“ na prihlasovacej stránke.',
    ignore: 'Ak ste to nečakali, tento e-mail môžete ignorovať: bez hesla sa do účtu nikto neprihlási.',
    action: 'Zvoliť heslo',
  },
} as const;

/** The mail of an account created by staff without a password: "an account was created for you", the set-password link once in the plain text. */
export function accountSetupMail(input: { to: string; language: string; firstName: string; setupUrl: string }): OutgoingMail {
  const language = mailLanguage(input.language);
  const w = SETUP_WORDING[language];
  const name = singleLineName(input.firstName);
  const text = [w.greeting(name), '', w.body(input.to), input.setupUrl, '', w.expiry, '', w.ignore, ''].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${language}"><body style="font-family:sans-serif;line-height:1.5">
<p>${e(w.greeting(name))}</p><p>${e(w.body(input.to))}</p>
<p><a href="${e(input.setupUrl)}" style="display:inline-block;padding:10px 16px;background:#2457c5;color:#fff;text-decoration:none;border-radius:4px">${e(w.action)}</a></p>
<p style="color:#555">${e(w.expiry)}<br>${e(w.ignore)}</p></body></html>`;
  return { to: input.to, subject: w.subject, text, html, language };
}
