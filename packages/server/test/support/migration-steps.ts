import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { DataSource, MigrationInterface } from 'typeorm';
import { loadConfig, type DatabaseConfig } from '../../src/config';
import { dataSourceOptions, migrations, openDatabase, type Database } from '../../src/db/data-source';
import { onMysql, testDatabaseUrl } from './test-app';

/**
 * A fresh database migrated only up to (not including) one migration, for tests of what that
 * migration does to existing rows: fill it with `before`, then `migrateTheRest()` opens it as the
 * server does (every pending migration). SQLite file or a new MySQL database, as the run's
 * DATABASE_URL says (test-app.ts).
 */
export async function databaseBefore(migration: new () => MigrationInterface): Promise<{
  before: DataSource;
  migrateTheRest(): Promise<Database>;
  drop(): Promise<void>;
}> {
  const suffix = randomBytes(6).toString('hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-migration-'));
  let url = `sqlite:${path.join(dir, 'test.sqlite')}`;
  let dropDatabase = async () => {};
  if (onMysql) {
    const base = new URL(testDatabaseUrl.replace(/^mariadb:/, 'mysql:'));
    const name = `${base.pathname.replace(/^\//, '') || 'clientele'}_${suffix}`;
    const admin = () =>
      mysql.createConnection({
        host: base.hostname,
        port: Number(base.port || 3306),
        user: decodeURIComponent(base.username),
        password: decodeURIComponent(base.password),
      });
    const c = await admin();
    await c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await c.end();
    base.pathname = `/${name}`;
    url = base.toString();
    dropDatabase = async () => {
      const d = await admin();
      await d.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await d.end();
    };
  }
  const db: DatabaseConfig = loadConfig({
    DATABASE_URL: url,
    DEMO_DATA: '0',
    SECRET_KEY: 'clientele-test-secret-key-0123456789abcdef',
  }).database;
  const index = migrations.indexOf(migration as (typeof migrations)[number]);
  if (index < 0) throw new Error(`${migration.name} is not among the server's migrations`);
  const before = new DataSource({ ...dataSourceOptions(db), migrations: migrations.slice(0, index) });
  await before.initialize();
  await before.runMigrations({ transaction: 'each' });
  const opened: Database[] = [];
  return {
    before,
    async migrateTheRest() {
      if (before.isInitialized) await before.destroy();
      const database = await openDatabase(db);
      opened.push(database);
      return database;
    },
    async drop() {
      if (before.isInitialized) await before.destroy();
      for (const database of opened) await database.close();
      await dropDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
