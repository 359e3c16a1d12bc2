import fs from 'node:fs';
import net from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';
import { AccountEntity } from '../../src/modules/account/account.entity';
import { InvitationEntity } from '../../src/modules/invitation/invitation.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { expectLanguage, parseMail, ReceivedMail } from './mail';

const INVITE = `mutation($input: InviteMemberInput!) {
  inviteMember(input: $input) { invitation { id status } userErrors { code message field } }
}`;
const ACCEPT = `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token userErrors { code } } }`;
const INVITATIONS = `query($id: ID!) { company(id: $id) { invitations(first: 100) { totalCount edges { node { id email status } } } } }`;

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

  async function invitationsOf(companyId: string) {
    const result = await t.gql(staffToken, INVITATIONS, { id: companyId });
    expect(result.errors).toBeUndefined();
    return result.data.company.invitations;
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
    'when the SMTP server refuses the message (at %s), inviteMember fails and no invitation is created',
    async (stage) => {
      const company = await t.factories.company();
      const admin = await t.factories.member(company, Role.ADMINISTRATOR);
      const input = { companyId: company.id, email: uniqueEmail(), firstName: 'Eva', lastName: 'Novák', language: 'sk', role: Role.MEMBER };
      smtp.refuse = stage;
      const result = await t.gql(admin.token, INVITE, { input });
      expectFailure(result);
      expect(smtp.delivered).toEqual([]);
      expect(await invitationsOf(company.id)).toEqual({ totalCount: 0, edges: [] });
      expect(await t.app.deps.reader.countBy(InvitationEntity, { companyId: company.id })).toBe(0);
      expect(outboxFiles(t.outbox)).toEqual([]);

      // nothing was left behind: once the server accepts again, the same invitation goes through
      smtp.refuse = null;
      const retry = await t.gql(admin.token, INVITE, { input });
      expect(retry.errors).toBeUndefined();
      expect(retry.data.inviteMember.userErrors).toEqual([]);
      expect(smtp.delivered).toHaveLength(1);
      expectLanguage(smtp.delivered[0].mail, 'sk', 'Eva');
      expect((await invitationsOf(company.id)).totalCount).toBe(1);
    },
  );

  it('when resending cannot be mailed, nothing changes: the previous link keeps working', async () => {
    const company = await t.factories.company();
    const email = uniqueEmail();
    const invited = await t.gql(staffToken, INVITE, {
      input: { companyId: company.id, email, firstName: 'Ada', lastName: 'King', language: 'en', role: Role.MEMBER },
    });
    const { id, status } = invited.data.inviteMember.invitation;
    expect(status).toBe('PENDING');
    const [{ mail }] = smtp.delivered;
    const before = await t.app.deps.reader.findOneByOrFail(InvitationEntity, { id });

    smtp.refuse = 'data';
    expectFailure(
      await t.gql(staffToken, `mutation($id: ID!) { resendInvitation(id: $id) { invitation { id } userErrors { code } } }`, { id }),
    );
    expect(await t.app.deps.reader.findOneByOrFail(InvitationEntity, { id })).toEqual(before);

    smtp.refuse = null;
    const accepted = await t.gql(null, ACCEPT, { input: { token: mail.token, password: 'a fresh passphrase' } });
    expect(accepted.data.acceptInvitation.userErrors).toEqual([]);
  });

  it('when the SMTP server is down, inviteMember fails and no invitation is created', async () => {
    const down = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` } });
    try {
      const company = await down.factories.company();
      const admin = await down.factories.member(company, Role.ADMINISTRATOR);
      const email = uniqueEmail();
      const result = await down.gql(admin.token, INVITE, {
        input: { companyId: company.id, email, firstName: 'Ola', lastName: 'Nordmann', language: 'en', role: Role.MEMBER },
      });
      expectFailure(result);
      expect(await down.app.deps.reader.count(InvitationEntity)).toBe(0);
      expect(await down.app.deps.reader.countBy(AccountEntity, { emailNormalized: email })).toBe(0);
      const staff = await down.factories.signIn(await down.factories.staffAdmin());
      const listed = await down.gql(staff, INVITATIONS, { id: company.id });
      expect(listed.data.company.invitations.totalCount).toBe(0);
      const audit = await down.gql(staff, `{ auditEvents(first: 100) { edges { node { action } } } }`);
      expect(audit.data.auditEvents.edges.map((e: { node: { action: string } }) => e.node.action)).not.toContain('invitation.create');
      expect(outboxFiles(down.outbox)).toEqual([]);
    } finally {
      await down.close();
    }
  });
});

/**
 * Mail that cannot be sent is a userError MAIL_DELIVERY_FAILED (the details are in the server
 * log), and the payload object is absent.
 */
function expectFailure(result: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: any }) {
  expect(result.errors).toBeUndefined();
  const payload = Object.values(result.data ?? {})[0] as { invitation: unknown; userErrors: Array<{ code: string; message: string }> };
  expect(payload.invitation).toBeNull();
  expect(payload.userErrors).toHaveLength(1);
  expect(payload.userErrors[0].code).toBe('MAIL_DELIVERY_FAILED');
}
