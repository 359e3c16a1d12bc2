import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `pnpm dev` at the root starts the API on API_PORT (default 4000); Vite proxies /graphql (and the CSV exports) to it.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '4000'}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/graphql': apiTarget, '/schema.graphql': apiTarget, '/export': apiTarget },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 30_000,
    // one jsdom per worker, not per file: 41 files in 37 s instead of 165 s on 2 cores (docs/decisions.md,
    // "CI time"); every test cleans up after itself (src/test/setup.ts), and the suite passes shuffled
    isolate: false,
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
