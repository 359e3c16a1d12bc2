import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, repoRoot } from '../config';
import { createServices } from '../services';
import { buildApiSchema, printApiSchema } from './schema';
import { FastPathCounters } from '../execution/fast-path-counters';
import { SCHEMA_FILE } from './schema-file';

/** `pnpm schema:emit` writes packages/schema/schema.graphql; `--check` fails when it is stale. */
function main() {
  const config = loadConfig();
  const sdl = printApiSchema(buildApiSchema(createServices(config), new FastPathCounters()));
  if (process.argv.includes('--check')) {
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== sdl) {
      console.error('packages/schema/schema.graphql is stale: run pnpm schema:emit and commit it');
      process.exit(1);
    }
    console.log('schema: up to date');
    return;
  }
  fs.writeFileSync(SCHEMA_FILE, sdl);
  console.log(`schema: written to ${path.relative(repoRoot, SCHEMA_FILE)}`);
}

main();
