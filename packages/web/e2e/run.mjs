// pnpm e2e: builds the server and the web client, starts them with the demo data on a fresh SQLite
// database (or on the empty MySQL/MariaDB database that E2E_DATABASE_URL names), and drives Debian's
// Chromium through the scenarios (*.e2e.mjs). Screenshots land in e2e/screenshots/. Skips, with the
// reason, only when Chromium is not installed.
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, launch, pageErrors, SCREENSHOTS } from './lib.mjs';
import * as inviteAndRevoke from './invite-and-revoke.e2e.mjs';
import * as ticketNumberAndRevoke from './ticket-number-and-revoke.e2e.mjs';
import * as subsidiaryVisibility from './subsidiary-visibility.e2e.mjs';
import * as accountsAndLanguage from './accounts-and-language.e2e.mjs';
import * as conversation from './conversation.e2e.mjs';
import * as accountSecurity from './account-security.e2e.mjs';
import * as responsive from './responsive.e2e.mjs';
import * as listsAndExport from './lists-and-export.e2e.mjs';
import * as integrations from './integrations.e2e.mjs';
import * as journeys from './journeys.e2e.mjs';

const allScenarios = {
  inviteAndRevoke,
  subsidiaryVisibility,
  accountsAndLanguage,
  conversation,
  accountSecurity,
  responsive,
  ticketNumberAndRevoke,
  listsAndExport,
  integrations,
  // last: its two passes add companies and accounts of their own, which no scenario before it expects
  journeys,
};
// E2E_ONLY=conversation,accountSecurity runs only those (keys above), keeping the other scenarios' screenshots
const only = process.env.E2E_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const key of only ?? [])
  if (!(key in allScenarios)) throw new Error(`E2E_ONLY: no scenario ${key} (${Object.keys(allScenarios).join(', ')})`);
const scenarios = Object.entries(allScenarios)
  .filter(([key]) => !only || only.includes(key))
  .map(([, scenario]) => scenario);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 4310);
const baseURL = `http://127.0.0.1:${port}`;
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

if (!existsSync(CHROMIUM)) {
  console.log(`e2e skipped: ${CHROMIUM} not found (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  process.exit(0);
}

if (!process.env.E2E_SKIP_BUILD) {
  console.log('e2e: building server and web');
  execSync('pnpm --filter @clientele/server run build && pnpm --filter @clientele/web run build', { cwd: root, stdio: 'inherit' });
}

const dir = mkdtempSync(path.join(tmpdir(), 'clientele-e2e-'));
const outbox = path.join(dir, 'outbox');
if (!only) rmSync(SCREENSHOTS, { recursive: true, force: true });
const server = spawn(process.execPath, ['packages/server/dist/main.js'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    // a fresh database: SQLite in a temporary directory, or an empty MySQL/MariaDB database named by E2E_DATABASE_URL
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? `sqlite:${path.join(dir, 'e2e.sqlite')}`,
    MAIL_OUTBOX: outbox,
    PUBLIC_URL: baseURL,
    DEMO_DATA: '1',
    // the integrations scenario's webhook receiver listens on 127.0.0.1 over http
    WEBHOOK_ALLOW_HTTP: '1',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: '1',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);

async function ready() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${baseURL}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not become ready on ${baseURL}`);
}

let failed = 0;
try {
  await ready();
  console.log(`e2e: server ready on ${baseURL} (${seconds()}s)`);
  const browser = await launch();
  try {
    for (const scenario of scenarios) {
      const t0 = Date.now();
      try {
        pageErrors.length = 0;
        await scenario.run({ browser, baseURL, outbox });
        if (pageErrors.length) throw new Error(`uncaught errors in the page:\n${pageErrors.join('\n')}`);
        console.log(`  ✓ ${scenario.name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      } catch (error) {
        failed++;
        console.error(`  ✗ ${scenario.name}\n${error.stack ?? error}`);
      }
    }
  } finally {
    await browser.close();
  }
} finally {
  stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`e2e: ${scenarios.length - failed}/${scenarios.length} scenarios passed in ${seconds()}s; screenshots in ${SCREENSHOTS}`);
process.exit(failed ? 1 : 0);
