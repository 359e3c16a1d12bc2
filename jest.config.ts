import type { Config } from 'jest';

// Server tests run through swc with decorator metadata (TypeGraphQL needs it; esbuild-based runners drop it).
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages/server/test'],
  testMatch: ['**/*.test.ts', '**/*.selftest.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  setupFiles: ['<rootDir>/packages/server/test/support/setup-env.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
