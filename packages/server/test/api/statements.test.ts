import { AccountEntity } from '../../src/modules/account/account.entity';
import { CommentVisibility, TicketCommentEntity } from '../../src/modules/conversation/ticket-comment.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { Role } from '../../src/modules/membership/membership.entity';
import { TicketEntity } from '../../src/modules/ticket/ticket.entity';
import { newId } from '../../src/shared/ids';
import { startTestApp, TestApp } from '../support/test-app';
import { clientQuery } from '../ticket/client-documents';

/**
 * No N+1: the number of SQL statements of a list request does not grow with the page size.
 * Nested fields (company, requester, assignee, parent, children) are batched per request.
 */

const TICKETS = (first: number) => `{ tickets(first: ${first}) { edges { node {
  id title company { name } requester { firstName lastName } assignee { firstName lastName } } } } }`;
const COMPANIES = (first: number) => `{ companies(first: ${first}) { edges { node { name children { name } parent { name } } } } }`;

describe('statement counts do not depend on the page size', () => {
  let t: TestApp;
  let staff: string;
  let holdingAdmin: string;
  let subsidiaryId: string;
  let discussed: TicketEntity;
  const reported: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const staffAdmin = await t.factories.staffAdmin();

    // a holding whose administrators see every subsidiary's tickets, two levels deep, and an outsider
    const holding = await t.factories.company({ name: 'Holding', settings: { subsidiaryTicketsVisible: true } });
    const subsidiaries: CompanyEntity[] = [];
    for (let i = 0; i < 4; i++) subsidiaries.push(await t.factories.company({ name: `Subsidiary ${i}`, parent: holding }));
    for (let i = 0; i < 4; i++) subsidiaries.push(await t.factories.company({ name: `Sub-subsidiary ${i}`, parent: subsidiaries[i] }));
    const outsider = await t.factories.company({ name: 'Outsider' });
    const companies = [holding, ...subsidiaries];
    const administrator = await t.factories.account();
    await t.factories.membership(administrator, holding, Role.ADMINISTRATOR);

    const requesters: AccountEntity[] = [];
    for (let i = 0; i < 40; i++) {
      const account = await t.factories.account();
      await t.factories.membership(account, companies[i % companies.length], Role.MEMBER);
      requesters.push(account);
    }
    const assignees: AccountEntity[] = [];
    for (let i = 0; i < 6; i++) assignees.push(await t.factories.staffAgent());
    for (let i = 0; i < 6; i++) {
      const solver = await t.factories.account();
      await t.factories.membership(solver, companies[i % companies.length], Role.MODERATOR);
      assignees.push(solver);
    }
    const start = Date.now() - 1_000_000;
    subsidiaryId = subsidiaries[1].id;
    for (let i = 0; i < 130; i++) {
      const ticket = await t.factories.ticket({
        company: companies[i % companies.length],
        requester: requesters[i % requesters.length],
        assignee: i % 5 === 0 ? null : assignees[i % assignees.length],
        createdAt: new Date(start + i * 1000),
      });
      if (i === 1) discussed = ticket;
    }
    // a conversation of 60 comments by many authors, a few of them internal notes
    const comments: TicketCommentEntity[] = [];
    for (let i = 0; i < 60; i++) {
      comments.push({
        id: newId('TicketComment'),
        ticketId: discussed!.id,
        authorId: i % 7 === 3 ? assignees[0].id : requesters[i % 20].id,
        body: `Message ${i}: the printer still shows an error.`,
        visibility: i % 7 === 3 ? CommentVisibility.INTERNAL : CommentVisibility.PUBLIC,
        createdAt: new Date(start + 200_000 + i * 1000),
      });
    }
    await t.app.deps.transactions.run((db) => db.insert(TicketCommentEntity, comments));
    for (let i = 0; i < 20; i++)
      await t.factories.ticket({ company: outsider, requester: requesters[i], createdAt: new Date(start + i * 1000 + 500) });

    // more companies for the companies list: a forest of 40 with parents and children
    let parent: CompanyEntity | null = null;
    for (let i = 0; i < 40; i++) {
      const company: CompanyEntity = await t.factories.company({
        name: `Forest ${String(i).padStart(2, '0')}`,
        parent: i % 4 === 0 ? null : parent,
      });
      if (i % 4 === 0) parent = company;
    }
    // signed in last: a session's activity stamp is written at most once a minute, never during the counts
    staff = await t.factories.signIn(staffAdmin);
    holdingAdmin = await t.factories.signIn(administrator);
  });
  afterAll(() => {
    if (reported.length) console.log(reported.join('\n'));
    return t.close();
  });

  async function statementsOf(token: string, query: string) {
    const { result, statements } = await t.countStatements(() => t.gql(token, query));
    expect(result.errors).toBeUndefined();
    return { data: result.data, statements };
  }

  it.each([
    ['staff ADMIN', () => staff, 150],
    ['company-wide administrator of a holding with subsidiaryTicketsVisible', () => holdingAdmin, 130],
  ])('tickets(first: N) with company, requester and assignee, as %s', async (viewer, token, visible) => {
    const counts: Record<number, number> = {};
    for (const first of [10, 50, 100]) {
      const { data, statements } = await statementsOf(token(), TICKETS(first));
      const nodes = data.tickets.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(Math.min(first, visible));
      for (const node of nodes) {
        expect(node.company?.name).toEqual(expect.any(String));
        expect(node.requester?.firstName).toEqual(expect.any(String));
      }
      // the page holds many different companies, requesters and assignees
      expect(new Set(nodes.map((n: any) => n.company.name)).size).toBeGreaterThan(first >= 50 ? 5 : 1);
      expect(new Set(nodes.map((n: any) => n.requester.lastName)).size).toBeGreaterThanOrEqual(Math.min(first, 40));
      expect(new Set(nodes.filter((n: any) => n.assignee).map((n: any) => n.assignee.lastName)).size).toBeGreaterThanOrEqual(
        Math.min(8, first / 2),
      );
      counts[first] = statements.length;
    }
    reported.push(`statements of tickets(first: 50) as ${viewer}: ${counts[50]} (first 10: ${counts[10]}, first 100: ${counts[100]})`);
    expect(counts[50]).toBe(counts[10]);
    expect(counts[100]).toBe(counts[10]);
    // the session with the viewer's grants, then the page with its companies and people joined
    expect(counts[10]).toBe(2);
  });

  // the web client's own operations (packages/web/src/gql/graphql.ts), as its pages send them
  describe("the client's pages", () => {
    const TICKET_LIST = clientQuery('TicketListQuery');
    const TICKET_CARD = clientQuery('TicketDetailQuery');
    const CONVERSATION = clientQuery('TicketConversationQuery');
    const noFilter = { companyIds: null, statuses: null, search: null };

    it.each([
      ['staff ADMIN', () => staff, () => noFilter, 3],
      ['a holding administrator', () => holdingAdmin, () => noFilter, 3],
      ['a holding administrator, by status', () => holdingAdmin, () => ({ ...noFilter, statuses: ['OPEN', 'NEW'] }), 3],
      ['a holding administrator, by company', () => holdingAdmin, () => ({ ...noFilter, companyIds: [subsidiaryId] }), 3],
    ])('TicketListQuery with viewerAccess, as %s: the same statements for 10 and 100 tickets', async (viewer, token, filter, expected) => {
      const counts: number[] = [];
      for (const first of [10, 100]) {
        const { statements, result } = await t.countStatements(() => t.gql(token(), TICKET_LIST, { first, filter: filter() }));
        expect(result.errors).toBeUndefined();
        const edges = result.data.tickets.edges;
        expect(edges.length).toBeGreaterThan(first === 10 ? 5 : 10);
        expect(edges.every((e: any) => Array.isArray(e.node.viewerAccess) && e.node.company.name)).toBe(true);
        counts.push(statements.length);
      }
      reported.push(`statements of TicketListQuery as ${viewer}: ${counts[0]} (first 10) / ${counts[1]} (first 100)`);
      expect(counts[1]).toBe(counts[0]);
      // the session with the grants, the page (relations joined), its totalCount: viewerAccess needs no statement of its own here
      expect(counts[0]).toBe(expected);
    });

    it.each([
      ['staff ADMIN', () => staff, 60],
      ['a holding administrator', () => holdingAdmin, 60 - 9],
    ])('the ticket page with its conversation, as %s: the same statements for 5 and 50 comments', async (viewer, token, readable) => {
      const counts: number[] = [];
      for (const first of [5, 50]) {
        const { statements, result } = await t.countStatements(async () => {
          const [card, conversation] = await Promise.all([
            t.gql(token(), TICKET_CARD, { id: discussed.id }),
            t.gql(token(), CONVERSATION, { id: discussed.id, first }),
          ]);
          return { errors: card.errors ?? conversation.errors, card: card.data, comments: conversation.data?.ticket.comments };
        });
        expect(result.errors).toBeUndefined();
        expect(result.card.ticket.id).toBe(discussed.id);
        expect(result.comments.edges).toHaveLength(first);
        expect(result.comments.totalCount).toBe(readable);
        expect(new Set(result.comments.edges.map((e: any) => e.node.author.id)).size).toBeGreaterThan(first === 5 ? 3 : 15);
        counts.push(statements.length);
      }
      reported.push(`statements of the ticket page with its conversation as ${viewer}: ${counts[0]} (5 comments) / ${counts[1]} (50)`);
      expect(counts[1]).toBe(counts[0]);
    });
    it('the People page and the assignee picker: members come with their accounts, invitations with one page read', async () => {
      const holdingId = (await t.gql(holdingAdmin, '{ viewer { memberships { company { id } } } }')).data.viewer.memberships[0].company.id;
      const members = await t.countStatements(() => t.gql(holdingAdmin, clientQuery('MemberListQuery'), { companyId: holdingId }));
      expect(members.result.errors).toBeUndefined();
      const edges = members.result.data.company.memberships.edges;
      expect(edges.length).toBeGreaterThan(4);
      expect(edges.every((e: any) => typeof e.node.account.lastName === 'string' && e.node.account.email.includes('@'))).toBe(true);
      // the session with the grants, the company, the page with its accounts joined, its totalCount: no statement for the accounts
      expect(members.statements).toHaveLength(4);
      expect(members.statements.some((sql) => /\bFROM\s+[`"]?account[`"]?\s/i.test(sql.split(/\bJOIN\b/i)[0]))).toBe(false);

      for (let i = 0; i < 3; i++) {
        const invited = await t.gql(
          holdingAdmin,
          `mutation($input: InviteMemberInput!) { inviteMember(input: $input) { userErrors { code } } }`,
          {
            input: {
              companyId: holdingId,
              email: `invitee${i}@example.com`,
              firstName: 'In',
              lastName: `Vitee ${i}`,
              language: 'en',
              role: 'MEMBER',
            },
          },
        );
        expect(invited.data.inviteMember.userErrors).toEqual([]);
      }
      const invitations = await t.countStatements(() => t.gql(holdingAdmin, clientQuery('InvitationListQuery'), { companyId: holdingId }));
      expect(invitations.result.errors).toBeUndefined();
      expect(invitations.result.data.company.invitations.totalCount).toBe(3);
      expect(invitations.result.data.company.invitations.edges.every((e: any) => e.node.invitedBy.lastName)).toBe(true);
      // the session, the company, the page, its totalCount, the inviters (one batch)
      expect(invitations.statements).toHaveLength(5);
      reported.push(`statements of MemberListQuery: ${members.statements.length}, InvitationListQuery: ${invitations.statements.length}`);
    });
  });

  it('joins exactly the relations the operation reads, through fragments too, with the same answers', async () => {
    const page = async (selection: string, fragments = '') => {
      const { data, statements } = await statementsOf(
        holdingAdmin,
        `{ tickets(first: 30) { edges { node { ${selection} } } } } ${fragments}`,
      );
      const pageStatement = statements.find((sql) => /\bFROM\s+[`"]?ticket[`"]?\s+t\b/i.test(sql))!;
      return {
        nodes: data.tickets.edges.map((e: any) => e.node),
        statements: statements.length,
        joins: pageStatement.match(/LEFT JOIN/gi)?.length ?? 0,
      };
    };
    const plain = await page('id title company { name } requester { firstName lastName } assignee { firstName lastName }');
    const viaFragments = await page(
      'id ... on Ticket { title company { name } } ...people',
      'fragment people on Ticket { requester { firstName lastName } assignee { firstName lastName } }',
    );
    expect(viaFragments).toEqual(plain);
    expect(plain.joins).toBe(3);
    // unassigned tickets keep a null assignee (the LEFT JOIN finds no row)
    expect(plain.nodes.some((n: any) => n.assignee === null)).toBe(true);

    const titlesOnly = await page('id title');
    expect(titlesOnly).toEqual({ nodes: plain.nodes.map((n: any) => ({ id: n.id, title: n.title })), statements: 2, joins: 0 });
    const companyOnly = await page('id company { name }');
    expect(companyOnly.joins).toBe(1);
    const requesterOnly = await page('id requester { lastName }');
    expect(requesterOnly.joins).toBe(1);
    expect(requesterOnly.nodes).toEqual(plain.nodes.map((n: any) => ({ id: n.id, requester: { lastName: n.requester.lastName } })));
  });

  describe('joined relations read only the columns of the plain fields selected', () => {
    const pageStatementOf = (statements: string[]) => statements.find((sql) => /\bFROM\s+[`"]?ticket[`"]?\s+t\b/i.test(sql))!;
    const columnsRead = (sql: string, alias: string) =>
      [...sql.matchAll(new RegExp(`\\b${alias}\\.[\`"]?(\\w+)[\`"]?\\s+AS\\b`, 'g'))].map((m) => m[1]).sort();

    it('plain fields: those columns and the key; a field with a resolver: the whole row; same answers', async () => {
      const projected = await statementsOf(
        holdingAdmin,
        `{ tickets(first: 30) { edges { node { id
        company { __typename name } requester { firstName email } assignee { lastName } } } } }`,
      );
      const sql = pageStatementOf(projected.statements);
      // the ticket: its key and sort key, and the foreign keys the relation resolvers declare they read
      expect(columnsRead(sql, 't')).toEqual(['assignee_id', 'company_id', 'created_at', 'id', 'requester_id']);
      expect(columnsRead(sql, 'c')).toEqual(['id', 'name']);
      expect(columnsRead(sql, 'r')).toEqual(['email', 'first_name', 'id']);
      expect(columnsRead(sql, 'a')).toEqual(['id', 'last_name']);

      const whole = await statementsOf(
        holdingAdmin,
        `{ tickets(first: 30) { edges { node { id
        company { __typename name settings { subsidiaryTicketsVisible } } requester { firstName email memberships { role } } assignee { lastName } } } } }`,
      );
      const wholeSql = pageStatementOf(whole.statements);
      expect(columnsRead(wholeSql, 'c')).toEqual(expect.arrayContaining(['id', 'name', 'parent_id']));
      expect(columnsRead(wholeSql, 'r').length).toBeGreaterThan(5);
      expect(columnsRead(wholeSql, 'a')).toEqual(['id', 'last_name']);
      const strip = (node: any) => ({
        id: node.id,
        company: { __typename: node.company.__typename, name: node.company.name },
        requester: { firstName: node.requester.firstName, email: node.requester.email },
        assignee: node.assignee && { lastName: node.assignee.lastName },
      });
      const nodes = (data: any) => data.tickets.edges.map((e: any) => e.node);
      expect(nodes(whole.data).map(strip)).toEqual(nodes(projected.data));
      expect(nodes(whole.data).every((n: any) => typeof n.company.settings.subsidiaryTicketsVisible === 'boolean')).toBe(true);
    });

    it('tickets: plain fields and what their selected resolvers declare (@Reads) only, whatever is selected', async () => {
      const page = async (selection: string) => {
        const { data, statements } = await statementsOf(holdingAdmin, `{ tickets(first: 30) { edges { cursor node { ${selection} } } } }`);
        return { edges: data.tickets.edges, columns: columnsRead(pageStatementOf(statements), 't') };
      };
      const cursorsOnly = await statementsOf(holdingAdmin, `{ tickets(first: 30) { edges { cursor } pageInfo { endCursor } } }`);
      expect(columnsRead(pageStatementOf(cursorsOnly.statements), 't')).toEqual(['created_at', 'id']);
      const titles = await page('title status');
      expect(titles.columns).toEqual(['created_at', 'id', 'status', 'title']);
      // viewerAccess and viewerCan read what the grant table reads of a ticket (GRANT_READS), company its foreign key
      const withAccess = await page('title status viewerAccess viewerCan { rename } company { name }');
      expect(withAccess.columns).toEqual([
        'assignee_id',
        'company_id',
        'created_at',
        'id',
        'requester_id',
        'root_company_id',
        'status',
        'title',
      ]);
      expect(withAccess.edges.every((e: any) => e.node.viewerAccess.length > 0 && e.node.viewerCan.rename === true)).toBe(true);
      // same tickets, same order, same cursors, same values
      expect(titles.edges).toEqual(
        withAccess.edges.map((e: any) => ({ cursor: e.cursor, node: { title: e.node.title, status: e.node.status } })),
      );
      expect(cursorsOnly.data.tickets.edges).toEqual(titles.edges.map((e: any) => ({ cursor: e.cursor })));
      const full = await page(
        'id title description status createdAt updatedAt lastActivityAt company { id } requester { id } assignee { id }',
      );
      expect(full.columns).toEqual(
        ['activity_at', 'assignee_id', 'company_id', 'created_at', 'description', 'id', 'public_activity_at', 'requester_id', 'status']
          .concat(['title', 'updated_at'])
          .sort(),
      );
      expect(full.edges.every((e: any) => typeof e.node.updatedAt === 'string' && e.node.company.id && e.node.lastActivityAt)).toBe(true);
    });

    it('a projected row never serves another field of the same request: it stays with its page', async () => {
      const { data: one } = await statementsOf(holdingAdmin, `{ tickets(first: 1) { edges { node { id company { id } } } } }`);
      const ticketId = one.tickets.edges[0].node.id;
      const companyId = one.tickets.edges[0].node.company.id;
      const { data } = await statementsOf(
        holdingAdmin,
        `{ slim: tickets(first: 30) { edges { node { id company { name } requester { firstName } } } }
           full: tickets(first: 30) { edges { node { id company { name settings { subsidiaryTicketsVisible } } requester { firstName memberships { role } } } } }
           ticket(id: "${ticketId}") { company { id name parent { id } settings { subsidiaryTicketsVisible } } }
           company(id: "${companyId}") { name settings { subsidiaryTicketsVisible } } }`,
      );
      for (const edge of data.full.edges) {
        expect(typeof edge.node.company.settings.subsidiaryTicketsVisible).toBe('boolean');
        expect(edge.node.requester.memberships.length).toBeGreaterThan(0);
      }
      expect(data.slim.edges.map((e: any) => e.node.company.name)).toEqual(data.full.edges.map((e: any) => e.node.company.name));
      expect(typeof data.ticket.company.settings.subsidiaryTicketsVisible).toBe('boolean');
      expect(data.ticket.company.name).toEqual(expect.any(String));
      expect(typeof data.company.settings.subsidiaryTicketsVisible).toBe('boolean');
    });
  });

  it.each([
    ['staff ADMIN', () => staff],
    ['company-wide administrator of a holding with subsidiaryTicketsVisible', () => holdingAdmin],
  ])('companies(first: N) with parent and children, as %s', async (viewer, token) => {
    const counts: number[] = [];
    const sizes: number[] = [];
    for (const first of [2, 5, 100]) {
      const { data, statements } = await statementsOf(token(), COMPANIES(first));
      sizes.push(data.companies.edges.length);
      counts.push(statements.length);
    }
    expect(new Set(sizes).size).toBe(3); // the pages really differ in size
    expect(counts[1]).toBe(counts[0]);
    expect(counts[2]).toBe(counts[0]);
    reported.push(`statements of companies(first: 5) with parent and children as ${viewer}: ${counts[1]}`);
  });

  it('the customer sees exactly its holding and the subsidiaries, with their parents and children', async () => {
    const { data } = await statementsOf(holdingAdmin, COMPANIES(100));
    const names = data.companies.edges.map((e: any) => e.node.name);
    expect(names).toHaveLength(9);
    expect(names).not.toContain('Outsider');
    const holding = data.companies.edges.find((e: any) => e.node.name === 'Holding').node;
    expect(holding.parent).toBeNull();
    expect(holding.children.map((c: any) => c.name)).toEqual(['Subsidiary 0', 'Subsidiary 1', 'Subsidiary 2', 'Subsidiary 3']);
  });
});
