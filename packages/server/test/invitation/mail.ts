import fs from 'node:fs/promises';
import path from 'node:path';
import { AddressObject, simpleParser } from 'mailparser';

/** One parsed invitation email, with what the tests look at. */
export interface ReceivedMail {
  to: string[];
  from: string[];
  subject: string;
  text: string;
  html: string;
  contentLanguage: string | null;
  /** Every occurrence of `<PUBLIC_URL>/invitations/accept?token=...` in the plain-text part. */
  links: string[];
  /** The token of the single accept link (throws when there is not exactly one). */
  token: string;
}

const addresses = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function parseMail(raw: Buffer | string, publicUrl: string): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw);
  const text = parsed.text ?? '';
  const linkPattern = new RegExp(`${escapeRegExp(publicUrl)}/invitations/accept\\?token=([A-Za-z0-9_%.~-]+)`, 'g');
  const matches = [...text.matchAll(linkPattern)];
  const language = parsed.headers.get('content-language');
  return {
    to: addresses(parsed.to),
    from: addresses(parsed.from),
    subject: parsed.subject ?? '',
    text,
    html: typeof parsed.html === 'string' ? parsed.html : '',
    contentLanguage: typeof language === 'string' ? language : null,
    links: matches.map((m) => m[0]),
    get token() {
      if (matches.length !== 1) throw new Error(`expected exactly one accept link, found ${matches.length}:\n${text}`);
      return decodeURIComponent(matches[0][1]);
    },
  };
}

/** The `.eml` files of MAIL_OUTBOX; `take()` returns the mails written since the previous call. */
export class Outbox {
  private seen = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly publicUrl: string,
  ) {}

  async files(): Promise<string[]> {
    try {
      return (await fs.readdir(this.dir)).filter((f) => f.endsWith('.eml')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async take(): Promise<ReceivedMail[]> {
    const fresh = (await this.files()).filter((f) => !this.seen.has(f));
    fresh.forEach((f) => this.seen.add(f));
    return Promise.all(fresh.map(async (f) => parseMail(await fs.readFile(path.join(this.dir, f)), this.publicUrl)));
  }
}

/** What each language's template says (invitation-mail.ts), to recognise the language of a mail. */
export const WORDING = {
  en: { subject: 'invited you to', greeting: (first: string) => `Hello ${first},`, action: 'Accept the invitation:' },
  de: { subject: 'hat Sie zum Serviceportal', greeting: (first: string) => `Hallo ${first},`, action: 'Einladung annehmen:' },
  sk: { subject: 'vás pozval(a)', greeting: (first: string) => `Dobrý deň, ${first},`, action: 'Prijať pozvánku:' },
} as const;

export function expectLanguage(mail: ReceivedMail, language: keyof typeof WORDING, firstName: string): void {
  const w = WORDING[language];
  expect(mail.subject).toContain(w.subject);
  expect(mail.text).toContain(w.greeting(firstName));
  expect(mail.text).toContain(w.action);
  expect(mail.contentLanguage).toBe(language);
  for (const other of Object.keys(WORDING) as Array<keyof typeof WORDING>) {
    if (other !== language) expect(mail.text).not.toContain(WORDING[other].action);
  }
}
