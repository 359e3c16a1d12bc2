import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createMailer } from '../../src/infrastructure/mail/mailer';

// Without SMTP_URL the mailer writes .eml files: the extra headers and the stable Message-ID are in them.
it('writes extra headers and a Message-ID from the mail id', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-mailer-'));
  try {
    const mailer = createMailer({ smtpUrl: null, outbox: dir, from: 'Clientele <no-reply@portal.test>' });
    await mailer.send({
      to: 'person@example.test',
      subject: 'A comment on your ticket',
      text: 'Hello',
      html: '<p>Hello</p>',
      language: 'de',
      headers: {
        'X-Clientele-Event': 'TICKET_COMMENTED',
        'X-Clientele-Ticket': 'tkt_1',
        'List-Unsubscribe': '<http://portal.test/settings/notifications>',
      },
      messageId: 'out_0123',
    });
    await mailer.send({ to: 'other@example.test', subject: 'Plain', text: 'Hi', html: '<p>Hi</p>', language: 'en' });
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const parsed = await Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
    const withHeaders = parsed.find((m) => m.subject === 'A comment on your ticket')!;
    expect(withHeaders.headers.get('x-clientele-event')).toBe('TICKET_COMMENTED');
    expect(withHeaders.headers.get('x-clientele-ticket')).toBe('tkt_1');
    expect(withHeaders.headers.get('content-language')).toBe('de');
    expect(withHeaders.messageId).toBe('<out_0123@portal.test>');
    expect(fs.readFileSync(path.join(dir, files[parsed.indexOf(withHeaders)]), 'utf8')).toContain(
      'List-Unsubscribe: <http://portal.test/settings/notifications>',
    );
    const plain = parsed.find((m) => m.subject === 'Plain')!;
    expect(plain.headers.get('x-clientele-event')).toBeUndefined();
    expect(plain.messageId).toMatch(/^<.+@.+>$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
