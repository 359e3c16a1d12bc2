import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for the docs' typed-client example, from the committed schema (`pnpm codegen:docs`).
const config: CodegenConfig = {
  schema: 'packages/schema/schema.graphql',
  documents: ['docs/examples/typed-client/*.ts', '!docs/examples/typed-client/gql/**'],
  generates: {
    'docs/examples/typed-client/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true, scalars: { DateTime: 'string', JSONObject: 'Record<string, unknown>' } },
    },
  },
};

export default config;
