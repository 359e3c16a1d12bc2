import 'reflect-metadata';
import { loadConfig } from '../config';
import { openDatabase } from './data-source';

/** `pnpm db:migrate`: applies pending migrations and exits. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  const pending = await database.dataSource.showMigrations();
  console.log(pending ? 'migrations: some still pending' : 'migrations: up to date');
  await database.close();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
