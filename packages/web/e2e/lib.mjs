// Helpers for the end-to-end scenarios: Debian's Chromium through playwright-core, the outbox, screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const PASSWORD = 'portal-demo-2026';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Uncaught errors in any page; run.mjs fails the scenario that caused them. */
export const pageErrors = [];

/**
 * A fresh browser context (its own cookies) in English, with page errors failing the run. `options`
 * go to the context: `{ bypassCSP: true }` lets axe-core be injected (the SPA allows only its own scripts).
 */
export async function newPage(browser, baseURL, options = {}) {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept()); // confirmations (remove, revoke)
  return page;
}

export async function screenshot(page, name, { readme = false, fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage });
  if (readme) {
    // a small viewport-only copy, the kind docs/screenshots/ holds for the README
    const size = page.viewportSize();
    await page.setViewportSize({ width: 1024, height: 600 });
    await page.screenshot({ path: path.join(SCREENSHOTS, `readme-${name}.png`) });
    await page.setViewportSize(size);
  }
}

export async function signIn(page, email, password = PASSWORD) {
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signedInAs(page, name) {
  await page.getByText(`Signed in as ${name}`).waitFor();
}

/** Picks an option of a Mantine Select by its label. */
export async function choose(page, label, option) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export async function notification(page, text) {
  await page.getByText(text).first().waitFor();
}

/** The header's height: one 56 px row at every size. */
export const HEADER_HEIGHT = 56;

/**
 * On /profile (open, signed in), saves the name `first last` and checks that the "Profile saved." toast
 * sits below the header, never over its controls.
 */
export async function saveProfileName(page, first, last) {
  await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  await page.getByRole('textbox', { name: 'First name' }).fill(first);
  await page.getByRole('textbox', { name: 'Last name' }).fill(last);
  await page.getByRole('button', { name: 'Save' }).first().click();
  await notification(page, 'Profile saved.');
  const toast = await page.locator('.mantine-Notification-root').filter({ hasText: 'Profile saved.' }).boundingBox();
  assert.ok(toast.y >= HEADER_HEIGHT, `the toast covers the header (top ${toast.y}px)`);
}

export function decodeQuotedPrintable(text) {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The first link matching `pattern` in the newest mail to `to` in MAIL_OUTBOX that has one (waits for
 * it); `event` also requires the mail's X-Clientele-Event header (e.g. PASSWORD_RESET).
 */
export async function mailedLink(outbox, to, pattern, { event, timeoutMs = 10_000 } = {}) {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 200))) {
    let files = [];
    try {
      files = readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .reverse();
    } catch {
      // no mail yet
    }
    for (const file of files) {
      const mail = decodeQuotedPrintable(readFileSync(path.join(outbox, file), 'utf8'));
      if (!mail.split(/\r?\n/).some((line) => line.startsWith('To: ') && line.includes(to))) continue;
      if (event && !new RegExp(`^X-Clientele-Event: ${event}$`, 'm').test(mail)) continue;
      const link = pattern.exec(mail)?.[0];
      if (link) return link;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} with ${pattern} in ${outbox}`);
  }
}

/** The accept link of the newest invitation mail to `to` (waits for it). */
export const acceptLinkFor = (outbox, to) => mailedLink(outbox, to, /https?:\/\/[^\s"<>]+\/invitations\/accept\?token=[A-Za-z0-9_%.~-]+/);

/** The rows of the first table whose text contains `text`. */
export const rowWith = (page, text) => page.getByRole('row').filter({ hasText: text });

/** Runs axe-core (every rule that is not experimental, any impact) on the page; resolves to the violations. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async () => (await globalThis.axe.run(globalThis.document, { resultTypes: ['violations'] })).violations);
}

/** One line per rule broken and one per element, with axe's summary of how to fix it. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`);
      return `  ${v.id} (${v.impact}): ${v.help}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Fails with a readable list when axe-core finds anything on the page as it is now. */
export async function assertAccessible(page, where) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `axe-core on ${where} (${page.url()}):\n${describeViolations(violations)}`);
}

/** Fails when the page is wider than the window (sideways scrolling). */
export async function assertNoSidewaysScroll(page, where) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: globalThis.document.documentElement.scrollWidth,
    innerWidth: globalThis.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${where} is ${scrollWidth}px wide in a ${innerWidth}px window (${page.url()})`);
}
