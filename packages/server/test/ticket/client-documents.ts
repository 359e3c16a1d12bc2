import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, print } from 'graphql';

/**
 * The web client's own operations, as its codegen emitted them (packages/web/src/gql/graphql.ts,
 * `export const <Name>Document = {…} as unknown as DocumentNode<…>`): tests of what the client's
 * pages cost read the documents the client sends, not copies of them (bench/lib/client-documents.mjs
 * does the same for the benchmark).
 */
const GENERATED = path.resolve(__dirname, '../../../web/src/gql/graphql.ts');

let documents: Map<string, DocumentNode> | null = null;

export function clientDocument(name: string): DocumentNode {
  if (!documents) {
    documents = new Map();
    const source = fs.readFileSync(GENERATED, 'utf8');
    for (const m of source.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode\b/gm))
      documents.set(m[1], JSON.parse(m[2]) as DocumentNode);
  }
  const document = documents.get(name);
  if (!document) throw new Error(`${name} is not among the web client's generated documents`);
  return document;
}

export const clientQuery = (name: string): string => print(clientDocument(name));
