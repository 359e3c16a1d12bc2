/**
 * The server's layers (docs/architecture.md): features (src/modules) depend on the kernel, shared
 * helpers, the database layer and infrastructure; the composition root (graphql/, execution/, http/,
 * app.ts, main.ts, services.ts) depends on the features. Never the other way round, never in a circle.
 * `pnpm lint` runs it.
 */
const COMPOSITION = '^packages/server/src/(graphql|execution|http|demo)/|^packages/server/src/(app|main|services)\\.ts$';
/** Data definitions every layer may name: entities and the capability bits import nothing of the app. */
const DATA_DEFINITIONS = '^packages/server/src/modules/[^/]+/([^/]+\\.entity|capabilities)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: one of its files must stop importing the other (inject the dependency from the composition root).',
      from: { path: '^packages/server/src' },
      to: { circular: true },
    },
    {
      name: 'features-below-composition',
      severity: 'error',
      comment: 'A feature module imports the composition root (schema build, executor, HTTP, services wiring).',
      from: { path: '^packages/server/src/modules/' },
      to: { path: COMPOSITION },
    },
    {
      name: 'kernel-is-a-leaf',
      severity: 'error',
      comment:
        'The kernel (request context, selection, node, deadline) imports only shared helpers, db, config, infrastructure types and data definitions.',
      from: { path: '^packages/server/src/kernel/' },
      to: { path: `${COMPOSITION}|^packages/server/src/modules/`, pathNot: DATA_DEFINITIONS },
    },
    {
      name: 'infrastructure-knows-no-features',
      severity: 'error',
      comment:
        'Infrastructure (mail, outbox, rate limits) serves every feature and knows none of them, nor the kernel or the composition root.',
      from: { path: '^packages/server/src/infrastructure/' },
      to: { path: `${COMPOSITION}|^packages/server/src/(modules|kernel)/` },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'shared/ holds helpers without domain logic: it imports nothing else of the app.',
      from: { path: '^packages/server/src/shared/' },
      to: { path: '^packages/server/src/', pathNot: '^packages/server/src/shared/' },
    },
    {
      name: 'db-below-features',
      severity: 'error',
      comment: 'The database layer may list entities (data-source.ts), never use feature logic.',
      from: { path: '^packages/server/src/db/' },
      to: {
        path: `${COMPOSITION}|^packages/server/src/(modules|kernel|infrastructure)/`,
        pathNot: `${DATA_DEFINITIONS}|^packages/server/src/infrastructure/[^/]+/[^/]+\\.entity\\.ts$`,
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'packages/server/tsconfig.json') },
    exclude: { path: 'node_modules|dist' },
  },
};
