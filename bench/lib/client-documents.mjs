// The web client's own operations for the C scenarios, read out of its generated documents
// (packages/web/src/gql/graphql.ts: `export const <Name>Document = {…} as unknown as DocumentNode<…>`,
// one JSON document per line) and printed with graphql-js: the benchmark sends what the client sends,
// never a retyped copy. packages/server/test/ticket/client-documents.ts does the same for the tests.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, serverRequire } from './common.mjs';

const { print } = serverRequire('graphql');
export const GENERATED = path.join(repoRoot, 'packages', 'web', 'src', 'gql', 'graphql.ts');

let documents = null;

/** The DocumentNode the client's codegen emitted for operation `name`. */
export function clientDocument(name) {
  if (!documents) {
    documents = new Map();
    const source = fs.readFileSync(GENERATED, 'utf8');
    for (const m of source.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode\b/gm))
      documents.set(m[1], JSON.parse(m[2]));
  }
  const document = documents.get(name);
  if (!document) throw new Error(`${name} is not among the web client's generated documents (${GENERATED})`);
  return document;
}

export const clientQuery = (name) => print(clientDocument(name));
