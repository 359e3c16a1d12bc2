// Issue 17, lists: at 1280×800 and 390×844 a staff ADMIN sees how many tickets there are, exports
// every ticket (not only the page on screen) and a searched accounts list as CSV, and the audit log;
// a search that finds nothing says so and "Clear filters" brings the list back. A customer's tickets
// list has a count but no export. axe-core on each state; no sideways scrolling on the phone.
// Screenshots: lists-*.png (desktop) and phone-lists-*.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { assertAccessible, assertNoSidewaysScroll, newPage, screenshot, signIn } from './lib.mjs';

export const name = 'lists count their rows, tell "no matches" from "nothing yet", and staff export them as CSV';

const SIZES = [
  { prefix: 'lists', viewport: { width: 1280, height: 800 } },
  { prefix: 'phone-lists', viewport: { width: 390, height: 844 } },
];

/** The number in "12 tickets" or "Showing 25 of 1,234 tickets". */
const totalIn = (text, noun) => Number(new RegExp(`([\\d,]+) ${noun}s?$`).exec(text.trim())?.[1].replace(/,/g, '') ?? NaN);

/** Clicks "Export CSV" and reads the file the browser saves. */
async function exportCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** The records of an export (the demo data has no line break inside a cell). */
const records = (text) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

async function check(page, size, shot) {
  await page.getByRole('status').filter({ hasText: 'Loading…' }).first().waitFor({ state: 'detached' });
  if (size.viewport.width < 700) await assertNoSidewaysScroll(page, shot);
  await assertAccessible(page, `${shot} at ${size.viewport.width}px`);
  await screenshot(page, `${size.prefix}-${shot}`, { fullPage: false });
}

export async function run({ browser, baseURL }) {
  for (const size of SIZES) {
    const page = await newPage(browser, baseURL, { viewport: size.viewport, bypassCSP: true, reducedMotion: 'reduce' });
    try {
      await page.goto('/tickets');
      await signIn(page, 'admin@clientele.demo');
      await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
      const count = page.getByText(/^(Showing [\d,]+ of )?[\d,]+ tickets$/);
      const countText = await count.innerText();
      const total = totalIn(countText, 'ticket');
      assert.ok(total > 25, `the demo has more tickets than one page: ${countText}`);
      assert.match(countText, /^Showing 25 of /, 'a first page says how many of how many');
      await check(page, size, 'tickets');

      // the export holds every ticket, not just the 25 on screen
      const tickets = await exportCsv(page);
      assert.match(tickets.name, /^tickets-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.ok(tickets.text.startsWith('\uFEFFNumber,Title,Status,Company,Requester,'), 'UTF-8 with a BOM and its header');
      assert.equal(records(tickets.text).length - 1, total, 'one row per ticket the count names');

      // nothing matches: said so, and "Clear filters" brings every ticket back
      await page.getByRole('searchbox', { name: 'Search by title, number (#1042) or ticket id' }).fill('no-such-ticket-anywhere');
      await page.getByText('No ticket matches “no-such-ticket-anywhere”.').waitFor();
      await check(page, size, 'tickets-no-match');
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.waitForURL((url) => url.pathname === '/tickets' && url.search === '');
      await page.getByText(countText, { exact: true }).waitFor();

      // accounts: the export follows the search
      await page.goto('/staff/accounts?q=kovac');
      await page.getByText('1 account', { exact: true }).waitFor();
      const accounts = await exportCsv(page);
      const accountRows = records(accounts.text);
      assert.equal(accountRows.length, 2, accounts.text);
      assert.match(accountRows[1], /hana\.kovacova@northwind\.demo/);

      // the audit log: counted, and exported as it is filtered (here: not at all)
      await page.goto('/staff/audit');
      const events = totalIn(await page.getByText(/^(Showing [\d,]+ of )?[\d,]+ events?$/).innerText(), 'event');
      const audit = await exportCsv(page);
      assert.ok(audit.text.startsWith('\uFEFFTime (UTC),Action,Actor,'), 'the audit header');
      assert.ok(records(audit.text).length - 1 >= events, 'every event counted (and any recorded since)');
      await check(page, size, 'audit');
    } finally {
      await page.context().close();
    }
  }

  // a customer sees the count of their tickets, but no export
  const customer = await newPage(browser, baseURL);
  try {
    await customer.goto('/tickets');
    await signIn(customer, 'quinn.adams@contoso.demo');
    await customer.getByText(/^(Showing [\d,]+ of )?[\d,]+ tickets?$/).waitFor();
    assert.equal(await customer.getByRole('button', { name: 'Export CSV' }).count(), 0, 'customers export nothing');
  } finally {
    await customer.context().close();
  }
}
