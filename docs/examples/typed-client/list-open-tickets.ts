// A typed client in ~30 lines: documents are typed by GraphQL Code Generator (client preset) from
// the published schema, so `data` below is fully typed (the types are in ./gql; in this repository
// `pnpm codegen:docs` regenerates them). main.ts runs it: `npm install && npm start` in a copy of this folder.
import { print } from 'graphql';
import type { ResultOf, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { graphql } from './gql';

const OpenTickets = graphql(`
  query OpenTickets($after: String) {
    tickets(first: 50, after: $after, filter: { statuses: [NEW, OPEN] }) {
      edges {
        node {
          id
          title
          status
          createdAt
          company {
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

async function request<R, V>(url: string, token: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: R; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; '));
  return body.data!;
}

/** Every open ticket the token may see, following the cursor from page to page. */
export async function listOpenTickets(url: string, token: string) {
  const tickets: Array<{ id: string; title: string; company: string }> = [];
  let after: string | null = null;
  do {
    const data: ResultOf<typeof OpenTickets> = await request(url, token, OpenTickets, { after });
    for (const { node } of data.tickets.edges) tickets.push({ id: node.id, title: node.title, company: node.company.name });
    after = data.tickets.pageInfo.hasNextPage ? (data.tickets.pageInfo.endCursor ?? null) : null;
  } while (after);
  return tickets;
}
