import path from 'node:path';
import { repoRoot } from '../config';

/** The committed contract emitted by the server; the web client's codegen reads it. */
export const SCHEMA_FILE = path.join(repoRoot, 'packages', 'schema', 'schema.graphql');
