// Placeholder build until the SPA lands: copies public/ to dist/, which the server serves.
import { cpSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}/dist`, { recursive: true });
cpSync(`${root}/public`, `${root}/dist`, { recursive: true });
console.log('web: placeholder copied to packages/web/dist');
