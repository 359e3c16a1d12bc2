import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { createHttpServer } from '../../src/http/server';
import { Role } from '../../src/modules/membership/membership.entity';
import { TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { listOpenTickets } from '../../../../docs/examples/typed-client/list-open-tickets';
import { TEST_PASSWORD } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../../..');

/** docs/api.md's examples run against a real server, so the docs cannot rot. */
describe('docs/api.md examples', () => {
  let t: TestApp;
  let url: string;
  let close: () => Promise<void>;
  let email: string;
  let openIds: string[];

  beforeAll(async () => {
    t = await startTestApp();
    const server = createHttpServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const company = await t.factories.company({ name: 'Docs Example Ltd' });
    const member = await t.factories.member(company, Role.MEMBER);
    email = member.account.email;
    const open = [];
    for (let i = 0; i < 60; i++)
      open.push(await t.factories.ticket({ company, requester: member.account, status: i % 2 ? TicketStatus.OPEN : TicketStatus.NEW }));
    await t.factories.ticket({ company, requester: member.account, status: TicketStatus.CLOSED });
    openIds = open.map((ticket) => ticket.id).sort();
  });
  afterAll(async () => {
    await close();
    await t.close();
  });

  it('curl.sh signs in, creates a read-only token and lists open tickets with it', async () => {
    const { stdout } = await run('bash', [path.join(repoRoot, 'docs/examples/curl.sh')], {
      env: { ...process.env, CLIENTELE_URL: url, EMAIL: email, PASSWORD: TEST_PASSWORD },
    });
    const body = JSON.parse(stdout);
    expect(body.errors).toBeUndefined();
    expect(body.data.tickets.totalCount).toBe(60);
    expect(body.data.tickets.edges).toHaveLength(10);
    expect(body.data.tickets.pageInfo.hasNextPage).toBe(true);
    expect(body.extensions.cost).toMatchObject({
      requestedQueryCost: expect.any(Number),
      throttleStatus: { maximumAvailable: expect.any(Number) },
    });
  });

  it('the typed client pages through every open ticket', async () => {
    const session = await t.factories.signIn((await t.app.deps.reader.query('SELECT id FROM account WHERE email = ?', [email]))[0].id);
    const created = await t.gql(session, `mutation { createApiToken(input: { name: "typed", scopes: [TICKETS_READ] }) { token } }`);
    const tickets = await listOpenTickets(url, created.data.createApiToken.token);
    expect(tickets.map((ticket) => ticket.id).sort()).toEqual(openIds);
    expect(new Set(tickets.map((ticket) => ticket.company))).toEqual(new Set(['Docs Example Ltd']));
  });
});
