import fs from 'node:fs';
import path from 'node:path';
import {
  DocumentNode,
  getIntrospectionQuery,
  getNamedType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  Lexer,
  OperationDefinitionNode,
  parse,
  print,
  Source,
  typeFromAST,
} from 'graphql';
import { repoRoot } from '../../src/config';
import { getMetadataStorage as validatorMetadata } from 'class-validator';
import { getMetadataStorage as typeGraphqlMetadata } from 'type-graphql';
import { RequestTimeoutError } from '../../src/kernel/deadline';
import { aliasCount, queryDepth, requestedCost } from '../../src/graphql/limits';
import { Role } from '../../src/modules/membership/membership.entity';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Limits checked before execution (docs/api.md "Limits and costs"), with the defaults:
 * MAX_QUERY_DEPTH 12, MAX_QUERY_TOKENS 2000, MAX_QUERY_ALIASES 30, MAX_QUERY_COST 5000.
 *
 * What is counted: every SQL statement on both connections from the moment Apollo receives the
 * operation until its response is ready. The request context (and with it the session lookup of a
 * signed-in caller) is built before, outside the count; the HTTP test in test/http/hardening.test.ts
 * counts whole HTTP requests and finds nothing but that session lookup.
 */

const nested = (levels: number) => `{ company(id: "cmp_x") { ${'parent { '.repeat(levels)}name${' }'.repeat(levels)} } }`;
const COSTLY = `{ companies(first: 100) { edges { node { memberships(first: 100) { edges { node { id } } } } } } }`;

/** Queries the SPA makes (or will: its pages need these), and their costs. */
const SPA_QUERIES: Array<[string, string, number]> = [
  [
    'viewer with memberships',
    `{ viewer { id email firstName lastName staffRole memberships { id role capabilities company { id name settings { portalEnabled } } } } }`,
    1 + 10 * (1 + 1 + 1),
  ],
  [
    'ticket list, 50 a page',
    `query TicketsPage($first: Int, $after: String) { tickets(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id title status createdAt updatedAt company { id name } requester { id firstName lastName } assignee { id firstName lastName } } } } }`,
    2 + 50 * (1 + 3) + 100, // totalCount: a COUNT costs like the largest page
  ],
  [
    'ticket page',
    `query TicketPage($id: ID!) { ticket(id: $id) { id title description status createdAt updatedAt
      company { id name parent { id name } } requester { id firstName lastName email } assignee { id firstName lastName email } } }`,
    1 + 2 + 1 + 1,
  ],
  [
    'company page: settings, family, 100 colleagues, 50 pending invitations',
    `query CompanyPage($id: ID!) { company(id: $id) { id name settings { portalEnabled membersSeeCompanyTickets subsidiaryTicketsVisible shareTicketsWithFamily }
      parent { id name } children { id name }
      memberships(first: 100) { totalCount edges { node { id role capabilities account { id firstName lastName email disabled } } } }
      invitations(first: 50, status: PENDING) { totalCount edges { node { id email firstName lastName role status expiresAt invitedBy { firstName lastName } } } } } }`,
    1 + 1 + 1 + 10 + (2 + 100 * 2 + 100) + (2 + 50 * 2 + 100),
  ],
  [
    'staff: companies, 100 a page, with parent and children',
    `{ companies(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name parent { id name } children { id name } settings { portalEnabled } } } } }`,
    2 + 100 * (1 + 1 + 10 + 1) + 100,
  ],
  [
    'staff: audit log, 50 a page',
    `{ auditEvents(first: 50) { edges { node { id action occurredAt targetType targetId clientIp before after actor { id email } company { id name } } } } }`,
    2 + 50 * 3,
  ],
];

describe('limits before execution', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Runs the operation with a context built beforehand; counts the statements of the operation only. */
  const run = async (token: string | null, query: string, variables?: Record<string, unknown>) => {
    const contextValue = await t.app.contextFor(token);
    const { result, statements } = await t.countStatements(() => t.app.apollo.executeOperation({ query, variables }, { contextValue }));
    if (result.body.kind !== 'single') throw new Error('unexpected incremental response');
    return { body: result.body.singleResult, status: result.http.status ?? 200, statements };
  };

  describe.each([
    ['too deep', nested(11), 'QUERY_TOO_DEEP', 'The query is 13 fields deep; the maximum depth is 12', 12, 13],
    [
      'too deep through fragments',
      `query { ...A } fragment A on Query { company(id: "x") { ...B } } fragment B on Company { parent { parent { parent { parent { parent { ...C } } } } } }
       fragment C on Company { parent { parent { parent { parent { parent { parent { name } } } } } } }`,
      'QUERY_TOO_DEEP',
      'The query is 13 fields deep; the maximum depth is 12',
      12,
      13,
    ],
    [
      'too many aliases',
      `{ ${Array.from({ length: 31 }, (_, i) => `v${i}: viewer { id }`).join(' ')} }`,
      'TOO_MANY_ALIASES',
      'The query uses 31 aliases; the maximum is 30',
      30,
      31,
    ],
    [
      'too many aliases through a fragment used twice',
      `{ viewer { ...F } again: viewer { ...F } } fragment F on Account { ${Array.from({ length: 15 }, (_, i) => `e${i}: email`).join(' ')} }`,
      'TOO_MANY_ALIASES',
      'The query uses 31 aliases; the maximum is 30',
      30,
      31,
    ],
    [
      'too long',
      `{ viewer { ${'id '.repeat(2000)}} }`,
      'QUERY_TOO_LONG',
      'The query has more than 2000 tokens; the maximum is 2000',
      2000,
      null,
    ],
    ['too costly', COSTLY, 'QUERY_TOO_COSTLY', "The query's requested cost is 10302; the maximum cost is 5000", 5000, 10302],
    [
      'too costly through variables',
      `query($n: Int) { companies(first: $n) { edges { node { memberships(first: $n) { edges { node { id } } } } } } }`,
      'QUERY_TOO_COSTLY',
      "The query's requested cost is 10302; the maximum cost is 5000",
      5000,
      10302,
    ],
  ])('%s', (_name, query, code, message, limit, value) => {
    it(`is refused with ${code} before any statement runs, signed in or not`, async () => {
      const list = jest.spyOn(t.app.services.companies, 'list');
      const find = jest.spyOn(t.app.services.companies, 'findVisible');
      try {
        for (const token of [staff, null]) {
          const { body, status, statements } = await run(token, query, { n: 100 });
          expect(body.errors).toEqual([{ message, extensions: { code, limit, value } }]);
          expect(body.data).toBeUndefined();
          expect(status).toBe(400);
          expect(statements).toEqual([]);
        }
        expect(list).not.toHaveBeenCalled();
        expect(find).not.toHaveBeenCalled();
      } finally {
        list.mockRestore();
        find.mockRestore();
      }
    });
  });

  it('just under each limit the query runs', async () => {
    for (const query of [
      nested(10),
      `{ ${Array.from({ length: 30 }, (_, i) => `v${i}: viewer { id }`).join(' ')} }`,
      `query($n: Int) { companies(first: $n) { edges { node { memberships(first: $n) { edges { node { id } } } } } } }`,
    ]) {
      const { body } = await run(staff, query, { n: 40 }); // companies(40) × memberships(40): 2 + 40 × 43 = 1722
      expect(body.errors).toBeUndefined();
    }
  });

  it('2000 tokens are read, 2001 are not', async () => {
    // 16 tokens around the list; its strings are one token each (graphql-js counts no commas)
    const query = (strings: number) => `{ tickets(filter: { companyIds: [${'"x", '.repeat(strings)}] }) { totalCount } }`;
    expect((await run(staff, query(1984))).body.errors?.[0].extensions?.code).toBe('INVALID_INPUT'); // read, then over the list cap
    expect((await run(staff, query(1985))).body.errors?.[0].extensions?.code).toBe('QUERY_TOO_LONG');
  });

  it('a fragment bomb is refused as too costly, quickly', async () => {
    const fragments = Array.from({ length: 16 }, (_, i) =>
      i < 15 ? `fragment F${i} on Account { ...F${i + 1} ... on Account { ...F${i + 1} } }` : `fragment F15 on Account { id }`,
    ).join('\n');
    const started = Date.now();
    const { body, statements } = await run(staff, `{ viewer { ...F0 } } ${fragments}`);
    expect(body.errors?.[0].extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(statements).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('lets every realistic SPA query through; reports their costs', async () => {
    const company = await t.factories.company({ name: 'Spa Corp' });
    const ticket = await t.factories.ticket({ company, requester: await t.factories.account() });
    const costs: string[] = [];
    for (const [name, query, expected] of SPA_QUERIES) {
      const variables = { id: query.includes('TicketPage') ? ticket.id : company.id, first: 50 };
      expect(requestedCost(t.app.schema, parse(query), variables, undefined)).toBe(expected);
      const { body } = await run(staff, query, variables);
      expect(body.errors).toBeUndefined();
      costs.push(`${name}: ${expected}`);
    }
    console.log(`requested costs of SPA queries (limit 5000):\n  ${costs.join('\n  ')}`);
  });

  it('every operation of the web client passes every limit, with page sizes at their maximum', () => {
    const operations = webClientOperations();
    expect(operations.length).toBeGreaterThan(10);
    const over: string[] = [];
    const report: string[] = [];
    for (const { name, document } of operations) {
      const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
      const cost = requestedCost(t.app.schema, document, worstCaseVariables(t.app.schema, operation), name);
      const depth = queryDepth(document, operation);
      const aliases = aliasCount(document, operation);
      const tokens = tokenCount(print(document));
      if (cost > 5000 || depth > 12 || aliases > 30 || tokens > 2000) over.push(name);
      report.push(`${name}: cost ${cost}, depth ${depth}, aliases ${aliases}, tokens ${tokens}`);
    }
    console.log(`the web client's operations (page sizes 100):\n  ${report.join('\n  ')}`);
    expect(over).toEqual([]);
  });

  it('introspection passes every limit and costs nothing', async () => {
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      inputValueDeprecation: true,
    });
    expect(requestedCost(schemaOf(t), parse(query), {}, undefined)).toBe(0);
    const { body, statements } = await run(null, query);
    expect(body.errors).toBeUndefined();
    expect(statements).toEqual([]);
  });

  it('every connection field multiplies its edges by first (default 20, at most 100)', () => {
    const schema = schemaOf(t);
    const connections: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const named = unwrap(field.type);
        if (!named.endsWith('Connection')) continue;
        connections.push(`${type.name}.${field.name}`);
        expect(typeof field.extensions.complexity).toBe('function');
        expect(field.args.map((a) => a.name)).toEqual(expect.arrayContaining(['first', 'after']));
      }
    }
    expect(connections).toEqual(
      expect.arrayContaining(['Query.tickets', 'Query.companies', 'Query.auditEvents', 'Company.memberships', 'Company.invitations']),
    );
    const cost = (first: string) =>
      requestedCost(schema, parse(`{ tickets${first} { edges { node { id company { id } } } } }`), {}, undefined);
    expect([cost(''), cost('(first: 10)'), cost('(first: 100)'), cost('(first: 5000)'), cost('(first: 0)')]).toEqual([42, 22, 202, 202, 2]);
  });

  it('the cost of a mutation includes 10 for the mutation itself', () => {
    const cost = requestedCost(
      schemaOf(t),
      parse(`mutation { createCompany(input: { name: "x" }) { company { id parent { id } } userErrors { code } } }`),
      {},
      undefined,
    );
    expect(cost).toBe(10 + (1 + 1) + 10 * 1);
  });

  it('invalid variables are reported by execution, still before any statement', async () => {
    const { body, statements } = await run(staff, `query($n: Int) { tickets(first: $n) { totalCount } }`, { n: 'many' });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(statements).toEqual([]);
  });

  describe('input lists are capped', () => {
    it('every list in an input type has an @ArrayMaxSize, and no argument is a bare list', () => {
      const schema = schemaOf(t);
      const inputClasses = new Map(typeGraphqlMetadata().inputTypes.map((i) => [i.name, i.target]));
      const uncapped: string[] = [];
      for (const type of Object.values(schema.getTypeMap())) {
        if (isInputObjectType(type)) {
          for (const field of Object.values(type.getFields())) {
            if (!isList(field.type)) continue;
            const target = inputClasses.get(type.name);
            const caps = target
              ? validatorMetadata()
                  .getTargetValidationMetadatas(target, '', true, false)
                  .filter((m) => m.propertyName === field.name && m.name === 'arrayMaxSize')
              : [];
            if (caps.length === 0) uncapped.push(`${type.name}.${field.name}`);
          }
        }
        if (isObjectType(type)) {
          for (const field of Object.values(type.getFields())) {
            for (const arg of field.args) if (isList(arg.type)) uncapped.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      expect(uncapped).toEqual([]);
    });

    it('a list over its cap is INVALID_INPUT, before the list is used', async () => {
      const companyIds = Array.from({ length: 101 }, (_, i) => `cmp_${i}`);
      const result = await t.gql(staff, `query($f: TicketFilter) { tickets(filter: $f) { totalCount } }`, { f: { companyIds } });
      expect(result.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
      const company = await t.factories.company();
      const account = await t.factories.account();
      const capabilities = Array.from({ length: 17 }, () => 'TICKETS');
      const added = await t.gql(
        staff,
        `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } userErrors { code field } } }`,
        { input: { accountId: account.id, companyId: company.id, role: Role.MEMBER, capabilities } },
      );
      expect(added.data.addMembership.userErrors).toEqual([{ code: 'INVALID_INPUT', field: ['input', 'capabilities'] }]);
    });
  });

  describe('field suggestions', () => {
    const TYPO = `{ tickts { totalCount } }`;
    const ENUM_TYPO = `query($f: TicketFilter) { tickets(filter: $f) { totalCount } }`;

    it('are hidden from anonymous callers', async () => {
      const typo = await run(null, TYPO);
      expect(typo.body.errors?.[0].message).toBe('Cannot query field "tickts" on type "Query".');
      const enumTypo = await run(null, ENUM_TYPO, { f: { statuses: ['OPN'] } });
      expect(enumTypo.body.errors?.[0].message).not.toMatch(/Did you mean/);
      expect(enumTypo.body.errors?.[0].message).toMatch(/OPN/);
    });

    it('are shown to signed-in callers', async () => {
      expect((await run(staff, TYPO)).body.errors?.[0].message).toMatch(
        /^Cannot query field "tickts" on type "Query". Did you mean .*"tickets"/,
      );
      expect((await run(staff, ENUM_TYPO, { f: { statuses: ['OPN'] } })).body.errors?.[0].message).toMatch(
        /Did you mean the enum value "OPEN"\?/,
      );
    });
  });
});

describe('request deadline', () => {
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '300' } });
    staff = await t.factories.signIn(await t.factories.staffAdmin());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a query past REQUEST_TIMEOUT_MS answers REQUEST_TIMEOUT at once', async () => {
    const slow = jest
      .spyOn(t.app.services.tickets, 'list')
      .mockImplementation(
        async () => new Promise((resolve) => setTimeout(() => resolve({ edges: [], pageInfo: {}, totalCount: 0 } as never), 1500)),
      );
    try {
      const started = Date.now();
      const result = await t.gql(staff, `{ tickets { totalCount } }`);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1400);
      expect(result.errors).toEqual([
        {
          message: 'The request took longer than 300 ms and was stopped',
          extensions: { code: 'REQUEST_TIMEOUT' },
          path: ['tickets'],
          locations: [{ line: 1, column: 3 }],
        },
      ]);
      expect(result.data).toBeNull();
    } finally {
      slow.mockRestore();
    }
  });

  it('after the deadline no resolver starts (and so no statement)', async () => {
    const company = await t.factories.company();
    await t.factories.ticket({ company, requester: await t.factories.account() });
    const original = t.app.services.tickets.list.bind(t.app.services.tickets);
    const slow = jest.spyOn(t.app.services.tickets, 'list').mockImplementation(async (ctx, args) => {
      const page = await original(ctx, args);
      await new Promise((resolve) => setTimeout(resolve, 400));
      return page;
    });
    try {
      // the list resolves late, but its nested fields would each need a statement: none runs
      const { result, statements } = await t.countStatements(() => t.gql(staff, `{ tickets { edges { node { company { name } } } } }`));
      expect(result.errors?.[0].extensions?.code).toBe('REQUEST_TIMEOUT');
      expect(statements.some((s) => /FROM [`"]?company[`"]? /i.test(s))).toBe(false);
    } finally {
      slow.mockRestore();
    }
  });

  it('a nested field still waiting at the deadline: answered at the deadline, and its late batch starts no statement', async () => {
    const parent = await t.factories.company();
    await t.factories.company({ parent });
    await t.factories.ticket({ company: parent, requester: await t.factories.account() });
    const original = t.app.services.companies.visibleChildrenOf.bind(t.app.services.companies);
    let refused: unknown = null;
    const slow = jest.spyOn(t.app.services.companies, 'visibleChildrenOf').mockImplementation(async (ctx, ids) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      return original(ctx, ids).catch((error: unknown) => {
        refused = error;
        throw error;
      });
    });
    try {
      // the page and its companies load in time; the children's batch is still waiting at the
      // deadline (like a statement a paused database holds) and reaches its statement late
      const started = Date.now();
      const { result, statements } = await t.countStatements(async () => {
        const answer = await t.gql(staff, `{ tickets { edges { node { company { children { name } } } } } }`);
        const elapsed = Date.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 300)); // past the batch's late start
        return { answer, elapsed };
      });
      expect(result.elapsed).toBeLessThan(400);
      expect(result.answer.errors).toEqual([
        { message: 'The request took longer than 300 ms and was stopped', extensions: { code: 'REQUEST_TIMEOUT' } },
      ]);
      expect(result.answer.data).toBeNull();
      expect(refused).toBeInstanceOf(RequestTimeoutError);
      expect(statements.some((s) => /parent_id[`"]? IN \(/i.test(s))).toBe(false);
    } finally {
      slow.mockRestore();
    }
  });

  it('a mutation past the deadline answers REQUEST_TIMEOUT and saves nothing', async () => {
    const original = t.app.services.companies.create.bind(t.app.services.companies);
    // slow before its transaction: at the deadline it is answered, and what it does later cannot write
    const slowCreate = jest.spyOn(t.app.services.companies, 'create').mockImplementation(async (ctx, input) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return original(ctx, input);
    });
    try {
      const result = await t.gql(staff, `mutation { createCompany(input: { name: "Slow Ltd" }) { company { name } userErrors { code } } }`);
      expect(result.errors?.[0].extensions?.code).toBe('REQUEST_TIMEOUT');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await t.app.deps.reader.query(`SELECT id FROM company WHERE name = 'Slow Ltd'`)).toEqual([]);
    } finally {
      slowCreate.mockRestore();
    }
  });

  it('a mutation whose transaction is running at the deadline: its answer tells whether it was saved', async () => {
    const record = t.app.services.audit.recordChange.bind(t.app.services.audit);
    const slowAudit = jest.spyOn(t.app.services.audit, 'recordChange').mockImplementation(async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return record(...args);
    });
    try {
      const result = await t.gql(
        staff,
        `mutation { createCompany(input: { name: "Slower Ltd" }) { company { name } userErrors { code } } }`,
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      const saved = (await t.app.deps.reader.query(`SELECT id FROM company WHERE name = 'Slower Ltd'`)).length;
      // MySQL/MariaDB: rolled back at the deadline; SQLite cannot interrupt it: it commits and is acknowledged
      if (result.errors) {
        expect(result.errors[0].extensions?.code).toBe('REQUEST_TIMEOUT');
        expect(saved).toBe(0);
      } else {
        expect(result.data.createCompany).toEqual({ company: { name: 'Slower Ltd' }, userErrors: [] });
        expect(saved).toBe(1);
      }
    } finally {
      slowAudit.mockRestore();
    }
  });
});

function schemaOf(t: TestApp) {
  return t.app.schema;
}

function unwrap(type: GraphQLInputType | import('graphql').GraphQLOutputType): string {
  let current = type;
  while (current instanceof GraphQLNonNull || current instanceof GraphQLList) current = current.ofType;
  return (current as { name: string }).name;
}

function isList(type: GraphQLInputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** The operations the web client sends, from its generated documents (packages/web/src/gql). */
function webClientOperations(): Array<{ name: string; document: DocumentNode }> {
  const file = path.join(repoRoot, 'packages/web/src/gql/graphql.ts');
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode</gm)].map(([, name, json]) => ({
    name,
    document: JSON.parse(json) as DocumentNode,
  }));
}

/** Values for an operation's variables: required input filled in minimally, every Int at 100 (the largest page). */
function worstCaseVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const valueOf = (type: GraphQLInputType): unknown => {
    if (isNonNullType(type)) return valueOf(type.ofType);
    if (isListType(type)) return [valueOf(type.ofType)];
    const named = getNamedType(type);
    if (isEnumType(named)) return named.getValues()[0].value;
    if (isInputObjectType(named)) {
      const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
      return Object.fromEntries(fields.map((f) => [f.name, valueOf(f.type)]));
    }
    return { Int: 100, Boolean: true, DateTime: new Date().toISOString() }[named.name] ?? 'x';
  };
  return Object.fromEntries(
    (operation.variableDefinitions ?? []).map((v) => [
      v.variable.name.value,
      valueOf(typeFromAST(schema, v.type as never) as GraphQLInputType),
    ]),
  );
}

function tokenCount(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== '<EOF>') count++;
  return count;
}
