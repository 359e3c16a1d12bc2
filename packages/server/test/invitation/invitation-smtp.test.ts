import fs from 'node:fs';
import net from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { AccountEntity } from '../../src/modules/account/account.entity';
import { InvitationEntity } from '../../src/modules/invitation/invitation.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { sqlTime } from '../../src/infrastructure/outbox/outbox-sql';
import { expectLanguage, parseMail, ReceivedMail } from './mail';

const INVITE = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { invitation { id status } userErrors { code message field } }
}`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token userErrors { code } } }`;

interface Delivered {
  mailFrom: string;
  rcptTo: string[];
  mail: ReceivedMail;
}

/** A real SMTP server on 127.0.0.1 (no TLS, no auth) that keeps what it receives, or refuses it. */
class TestSmtpServer {
  readonly delivered: Delivered[] = [];
  /** 'rcpt': 550 to every recipient; 'data': 554 after the message was sent. */
  refuse: 'rcpt' | 'data' | null = null;
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address: SMTPServerAddress, _session, callback) => {
        if (this.refuse === 'rcpt') return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuse === 'data') return callback(Object.assign(new Error('Message rejected'), { responseCode: 554 }));
          const envelope = session.envelope;
          parseMail(Buffer.concat(chunks), 'http://portal.test').then(
            (mail) => {
              this.delivered.push({
                mailFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
                rcptTo: envelope.rcptTo.map((r) => r.address),
                mail,
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.server.address() as net.AddressInfo).port));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port on 127.0.0.1 where nothing listens (taken and released at once). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const outboxFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

let counter = 0;
const uniqueEmail = () => `smtp.invitee.${++counter}.${Date.now()}@example.test`;

describe('invitation mail over SMTP (SMTP_URL)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let staffToken: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const port = await smtp.listen();
    t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    staffToken = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.delivered.length = 0;
    smtp.refuse = null;
  });

  /** The outbox rows of one recipient, as staff see them. */
  async function deliveriesTo(email: string) {
    const listed = await t.gql(staffToken, DELIVERIES);
    return listed.data.mailDeliveries.edges
      .map((e: { node: Record<string, unknown> }) => e.node)
      .filter((n: { toAddress: string }) => n.toAddress === email);
  }

  /** Retries back off (15 s and more): make every waiting mail due now instead of waiting. */
  async function makeDue() {
    await t.app.database.dataSource.query(`UPDATE outbox_message SET next_attempt_at = ? WHERE status = 'PENDING'`, [
      sqlTime(new Date(Date.now() - 1000)),
    ]);
  }

  it('sends the invitation to the invitee over SMTP, in their language, with one working accept link; no .eml is written', async () => {
    const company = await t.factories.company({ name: 'Beispiel GmbH' });
    const admin = await t.factories.member(company, Role.ADMINISTRATOR);
    const email = uniqueEmail();
    const result = await t.gql(admin.token, INVITE, {
      input: { companyId: company.id, email, firstName: 'Jörg', lastName: 'Müller', language: 'de-AT', role: Role.MEMBER },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.inviteMember.userErrors).toEqual([]);
    expect(result.data.inviteMember.invitation.status).toBe('PENDING');

    expect(smtp.delivered).toHaveLength(1);
    const [{ rcptTo, mailFrom, mail }] = smtp.delivered;
    expect(rcptTo).toEqual([email]);
    expect(mailFrom).toBe('no-reply@clientele.local');
    expect(mail.to).toEqual([email]);
    expectLanguage(mail, 'de', 'Jörg');
    expect(mail.subject).toContain('Beispiel GmbH');
    expect(mail.links).toEqual([`http://portal.test/invitations/accept?token=${mail.token}`]);

    expect(outboxFiles(t.outbox)).toEqual([]);

    const accepted = await t.gql(null, ACCEPT, { input: { token: mail.token, password: 'a fresh passphrase' } });
    expect(accepted.data.acceptInvitation.userErrors).toEqual([]);
    expect(accepted.data.acceptInvitation.token).toEqual(expect.any(String));
  });

  it.each(['rcpt', 'data'] as const)(
    'when the SMTP server refuses the message (at %s), the invitation stands and its mail waits in the outbox with the error',
    async (stage) => {
      const company = await t.factories.company();
      const admin = await t.factories.member(company, Role.ADMINISTRATOR);
      const input = { companyId: company.id, email: uniqueEmail(), firstName: 'Eva', lastName: 'Novák', language: 'sk', role: Role.MEMBER };
      smtp.refuse = stage;
      const result = await t.gql(admin.token, INVITE, { input });
      expect(result.data.inviteMember.userErrors).toEqual([]);
      expect(result.data.inviteMember.invitation.status).toBe('PENDING');
      expect(smtp.delivered).toEqual([]);
      const waiting = await deliveriesTo(input.email);
      expect(waiting).toEqual([expect.objectContaining({ kind: 'INVITATION', status: 'PENDING', attempts: 1 })]);
      expect(waiting[0].lastError).toMatch(/5[05][04]|rejected|unavailable/i);
      expect(outboxFiles(t.outbox)).toEqual([]);

      // once the server accepts again, the retry (due now) delivers it exactly once, and the link works
      smtp.refuse = null;
      await makeDue();
      expect(await t.app.outbox.drainOnce()).toBe(1);
      expect(smtp.delivered).toHaveLength(1);
      expectLanguage(smtp.delivered[0].mail, 'sk', 'Eva');
      expect(await deliveriesTo(input.email)).toEqual([expect.objectContaining({ status: 'SENT', attempts: 2 })]);
      const accepted = await t.gql(null, ACCEPT, { input: { token: smtp.delivered[0].mail.token, password: 'a fresh passphrase' } });
      expect(accepted.data.acceptInvitation.userErrors).toEqual([]);
    },
  );

  it('a resend that cannot be mailed yet still replaces the link; the new mail arrives once the server accepts', async () => {
    const company = await t.factories.company();
    const email = uniqueEmail();
    const invited = await t.gql(staffToken, INVITE, {
      input: { companyId: company.id, email, firstName: 'Ada', lastName: 'King', language: 'en', role: Role.MEMBER },
    });
    const { id } = invited.data.inviteMember.invitation;
    const [{ mail: first }] = smtp.delivered;

    smtp.refuse = 'data';
    const resent = await t.gql(staffToken, `mutation($id: ID!) { resendInvitation(id: $id) { invitation { id } userErrors { code } } }`, {
      id,
    });
    expect(resent.data.resendInvitation.userErrors).toEqual([]);
    expect(smtp.delivered).toHaveLength(1);

    smtp.refuse = null;
    await makeDue();
    expect(await t.app.outbox.drainOnce()).toBe(1);
    expect(smtp.delivered).toHaveLength(2);
    const second = smtp.delivered[1].mail;
    expect(second.token).not.toBe(first.token);
    const stale = await t.gql(null, ACCEPT, { input: { token: first.token, password: 'a fresh passphrase' } });
    expect(stale.data.acceptInvitation.userErrors).toEqual([expect.objectContaining({ code: 'INVITATION_INVALID' })]);
    const accepted = await t.gql(null, ACCEPT, { input: { token: second.token, password: 'a fresh passphrase' } });
    expect(accepted.data.acceptInvitation.userErrors).toEqual([]);
  });

  it('when the SMTP server is down, inviteMember neither waits for it nor fails: staff see the delivery with its error', async () => {
    const down = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` } });
    try {
      const company = await down.factories.company();
      const admin = await down.factories.member(company, Role.ADMINISTRATOR);
      const email = uniqueEmail();
      const result = await down.gql(admin.token, INVITE, {
        input: { companyId: company.id, email, firstName: 'Ola', lastName: 'Nordmann', language: 'en', role: Role.MEMBER },
      });
      expect(result.data.inviteMember.userErrors).toEqual([]);
      expect(await down.app.deps.reader.count(InvitationEntity)).toBe(1);
      const staff = await down.factories.signIn(await down.factories.staffAdmin());
      const listed = await down.gql(staff, DELIVERIES);
      expect(listed.data.mailDeliveries.edges.map((e: { node: Record<string, unknown> }) => e.node)).toEqual([
        expect.objectContaining({
          toAddress: email,
          kind: 'INVITATION',
          status: 'PENDING',
          lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
        }),
      ]);
      expect(outboxFiles(down.outbox)).toEqual([]);
      expect(await down.app.deps.reader.countBy(AccountEntity, { emailNormalized: email })).toBe(0);
    } finally {
      await down.close();
    }
  });
});

const DELIVERIES = `{ mailDeliveries(first: 100) { edges { node { id kind toAddress subject status attempts lastError } } } }`;
