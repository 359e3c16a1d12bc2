import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, FieldNode, Kind, OperationDefinitionNode, parse, print } from 'graphql';

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

/** The conversation's fields (conversation.md), as the ticket page will select them: the first `$comments` comments. */
const COMMENTS = parse(`query($comments: Int!) { comments(first: $comments) { totalCount pageInfo { hasNextPage endCursor }
  edges { node { id body visibility createdAt author { id firstName lastName } } } } }`).definitions[0] as OperationDefinitionNode;

/**
 * `document` (a query of `ticket(id)`, e.g. TicketDetailQuery) with the ticket's comments selected
 * too, first `$comments` of them: the ticket page with its conversation, from the client's own document.
 */
export function withComments(document: DocumentNode): DocumentNode {
  const definitions = document.definitions.map((d) => {
    if (d.kind !== Kind.OPERATION_DEFINITION) return d;
    const selections = d.selectionSet.selections.map((s) =>
      s.kind === Kind.FIELD && s.name.value === 'ticket' && s.selectionSet
        ? ({
            ...s,
            selectionSet: { ...s.selectionSet, selections: [...s.selectionSet.selections, ...COMMENTS.selectionSet.selections] },
          } as FieldNode)
        : s,
    );
    return {
      ...d,
      variableDefinitions: [...(d.variableDefinitions ?? []), ...(COMMENTS.variableDefinitions ?? [])],
      selectionSet: { ...d.selectionSet, selections },
    };
  });
  return { ...document, definitions };
}
