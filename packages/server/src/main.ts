import 'reflect-metadata';
import { createApp } from './app';
import { loadConfig } from './config';
import { DEMO_STAFF_ADMIN, demoSignInNotice, loadDemoData } from './demo/demo-data';
import { assertNoDemoPasswordInProduction } from './demo/demo-password-guard';
import { Drain } from './http/drain';
import { createHttpServer } from './http/server';
import { AccountEntity, StaffRole } from './modules/account/account.entity';
import { hashPassword } from './modules/account/password';
import { CompanyEntity } from './modules/company/company.entity';
import { newId } from './shared/ids';
import { normalizeEmail } from './shared/validation';

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  const { logger } = app;
  const { transactions, reader } = app.deps;

  // ADMIN_EMAIL / ADMIN_PASSWORD: the first staff ADMIN of a new installation
  if (config.bootstrapAdmin && !(await reader.createQueryBuilder(AccountEntity, 'a').where('a.staff_role IS NOT NULL').getExists())) {
    const { email, password } = config.bootstrapAdmin;
    const passwordHash = await hashPassword(password);
    await transactions.run((db) =>
      db.insert(AccountEntity, {
        id: newId('Account'),
        email,
        emailNormalized: normalizeEmail(email),
        firstName: 'Administrator',
        lastName: '',
        language: 'en',
        staffRole: StaffRole.ADMIN,
        disabled: false,
        passwordHash,
        notificationLevel: null,
        createdAt: new Date(),
      }),
    );
    logger.info({ email }, 'created the staff administrator from ADMIN_EMAIL');
  }

  let demo = false;
  if (
    config.demoData &&
    (await reader.count(CompanyEntity)) === 0 &&
    !(await reader.existsBy(AccountEntity, { emailNormalized: DEMO_STAFF_ADMIN }))
  ) {
    const loaded = await loadDemoData(transactions);
    logger.info(loaded, 'loaded the demo data set');
    demo = true;
  } else if (config.demoData) {
    demo = await reader.existsBy(AccountEntity, { emailNormalized: DEMO_STAFF_ADMIN });
  }
  await assertNoDemoPasswordInProduction(config, reader);

  const drain = new Drain();
  const server = createHttpServer(app, drain);
  server.on('error', (error: NodeJS.ErrnoException) => {
    logger.fatal({ err: error }, error.code === 'EADDRINUSE' ? `port ${config.port} is in use: set PORT to another port` : 'cannot listen');
    process.exit(1);
  });
  server.listen(config.port, config.host, () => {
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    logger.info({ url, graphql: `${url}/graphql`, database: config.database.kind }, `Clientele is listening on ${url}`);
    if (demo) {
      const { fields, message } = demoSignInNotice();
      logger.info(fields, message);
    }
  });

  // SIGTERM/SIGINT: readiness 503, finish the requests in flight, then exit 0; forced after SHUTDOWN_TIMEOUT_MS: exit 1
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const { delayMs, timeoutMs } = config.shutdown;
    logger.info({ signal, delayMs, timeoutMs }, 'shutting down: draining the requests in flight');
    // the last resort, should closing the app itself hang
    setTimeout(() => process.exit(1), delayMs + timeoutMs + 5_000).unref();
    void drain.shutdown(server, { delayMs, timeoutMs }).then(async (drained) => {
      await app.close().catch((error: unknown) => logger.error({ err: error }, 'closing the app failed'));
      if (drained) logger.info('drained: every request in flight was answered');
      else logger.error({ timeoutMs }, 'shutdown forced: requests still in flight after SHUTDOWN_TIMEOUT_MS were cut');
      logger.flush?.();
      process.exit(drained ? 0 : 1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
