import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'packages/web/src/gql/**', 'docs/examples/typed-client/gql/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // the benchmark (pnpm bench): plain Node.js scripts
    files: ['bench/**/*.{mjs,cjs}'],
    languageOptions: {
      globals: { fetch: 'readonly', AbortSignal: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', require: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // operations scripts (pnpm cluster) and the cluster tests: plain Node.js
    files: ['scripts/**/*.mjs', 'test-cluster/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // tool configuration in CommonJS (dependency-cruiser)
    files: ['*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the web client: browser code with React hooks
    files: ['packages/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // the web client's Node scripts and end-to-end tests
    files: ['packages/web/{scripts,e2e}/**/*.{mjs,ts}', 'packages/web/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
