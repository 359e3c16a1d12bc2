import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { repoRoot } from '../../src/config';

/**
 * Every `graphql` block of docs/api.md is a valid document against the published schema
 * (packages/schema/schema.graphql), so a renamed field or argument cannot leave the docs behind.
 * A block of several anonymous operations (the cost examples) is checked one operation at a time.
 */

const text = fs.readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8');
const schema = buildSchema(fs.readFileSync(path.join(repoRoot, 'packages/schema/schema.graphql'), 'utf8'));

function documents(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const match of text.matchAll(/^( *)```graphql\n([\s\S]*?)^\1```/gm)) {
    const line = text.slice(0, match.index).split('\n').length;
    const block = match[2];
    const chunks = block.split(/\n\s*\n/).filter((chunk) => chunk.replace(/^\s*#.*$/gm, '').trim());
    const anonymous = chunks.filter((chunk) => /^\s*(\{|query\s*\(|mutation\s*\()/m.test(chunk.replace(/^\s*#.*$/gm, '')));
    if (chunks.length > 1 && anonymous.length > 1) chunks.forEach((chunk, i) => found.push([`line ${line}, operation ${i + 1}`, chunk]));
    else found.push([`line ${line}`, block]);
  }
  return found;
}

describe('docs/api.md GraphQL documents', () => {
  it('there are some', () => {
    expect(documents().length).toBeGreaterThan(5);
  });

  it.each(documents())('%s is valid against the published schema', (_where, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });

  it('every link inside docs/api.md reaches a heading or a file of the repository', () => {
    // GitHub's anchors: the heading in lower case, without punctuation but hyphens, spaces as hyphens
    const anchors = new Set(
      [...text.matchAll(/^#{1,6} (.*)$/gm)].map((m) =>
        m[1]
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, '')
          .replace(/ /g, '-'),
      ),
    );
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // https://…
      const [file, anchor] = target.split('#');
      if (file && !fs.existsSync(path.join(repoRoot, 'docs', file))) broken.push(target);
      if (!file && anchor && !anchors.has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});
