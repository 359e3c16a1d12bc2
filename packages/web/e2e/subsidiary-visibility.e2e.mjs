// Staff flips "subsidiary tickets visible" on Northwind Retail; its moderator then sees the tickets of
// Retail Austria and Retail Slovakia on reload, each marked "subsidiary".
import assert from 'node:assert/strict';
import { choose, newPage, notification, screenshot, signedInAs, signIn } from './lib.mjs';

/** Opens a Mantine Select whose options load after another choice, and picks the first one. */
async function firstOption(page, label) {
  const options = page.getByRole('listbox').getByRole('option');
  for (let attempt = 0; attempt < 50 && (await options.count()) === 0; attempt++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
    await page.getByRole('combobox', { name: label, exact: true }).click();
  }
  await options.first().click();
}

export const name = 'staff setting changes what a moderator sees';

async function companyOptions(page) {
  await page.getByRole('combobox', { name: 'Company', exact: true }).click();
  await page.getByRole('listbox').getByRole('option').first().waitFor(); // the picker asks the server
  const options = await page.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  return options;
}

export async function run({ browser, baseURL }) {
  const moderator = await newPage(browser, baseURL);
  await moderator.goto('/tickets');
  await signIn(moderator, 'hana.kovacova@northwind.demo');
  await moderator.waitForURL(/\/tickets$/);
  // Hana's account speaks Slovak, so the portal does too, until she picks another language
  await moderator.getByRole('heading', { name: 'Požiadavky' }).waitFor();
  await moderator.getByRole('combobox', { name: 'Jazyk' }).selectOption('en');
  await moderator.getByRole('heading', { name: 'Tickets' }).waitFor();
  await signedInAs(moderator, 'Hana Kováčová');
  await moderator.getByRole('table', { name: 'Tickets' }).waitFor();
  const before = await companyOptions(moderator);
  // options name the ancestors the viewer sees
  assert.ok(before.includes('Northwind Holding › Northwind Retail'), `options: ${before}`);
  assert.ok(!before.some((o) => o.endsWith('Northwind Retail Austria')), `Austria visible too early: ${before}`);

  const staff = await newPage(browser, baseURL);
  await staff.goto('/staff/companies');
  await signIn(staff, 'admin@clientele.demo');
  await staff.waitForURL(/\/staff\/companies$/);
  // the tree loads subsidiaries when a company is expanded
  await staff.getByRole('button', { name: 'Expand Northwind Holding' }).click();
  await staff.getByRole('link', { name: 'Northwind Retail', exact: true }).click();
  await staff.getByRole('heading', { name: 'Northwind Retail', exact: true }).waitFor();
  const setting = staff.getByRole('switch', { name: 'Subsidiary tickets visible' });
  assert.equal(await setting.isChecked(), false);
  await setting.click({ force: true });
  await notification(staff, '“Subsidiary tickets visible” is now on for Northwind Retail.');
  assert.equal(await setting.isChecked(), true);
  await screenshot(staff, '06-staff-company-settings');

  // "Move under" never offers the company itself or one of its subsidiaries: no cycle to refuse
  await staff.getByRole('combobox', { name: 'Move under', exact: true }).click();
  await staff
    .getByRole('option', { name: /Contoso Dental Clinics/ })
    .first()
    .waitFor();
  const places = await staff.getByRole('option').allInnerTexts();
  assert.ok(!places.some((o) => /Northwind Retail( Austria| Slovakia)?$/.test(o.trim())), `offered: ${places}`);
  assert.ok(
    places.some((o) => o.includes('Northwind Logistics')),
    `offered: ${places}`,
  );
  await staff.keyboard.press('Escape');

  await moderator.reload();
  await moderator.getByRole('table', { name: 'Tickets' }).waitFor();
  const after = await companyOptions(moderator);
  assert.ok(
    after.includes('Northwind Holding › Northwind Retail › Northwind Retail Austria') &&
      after.includes('Northwind Holding › Northwind Retail › Northwind Retail Slovakia'),
    `options: ${after}`,
  );
  await choose(moderator, 'Company', 'Northwind Holding › Northwind Retail › Northwind Retail Austria');
  await moderator.waitForURL(/company=/);
  const rows = moderator.getByRole('table', { name: 'Tickets' }).getByRole('row');
  await rows.nth(1).getByText('subsidiary').waitFor();
  const body = await moderator.getByRole('table', { name: 'Tickets' }).locator('tbody').innerText();
  assert.ok(!/Northwind Logistics|Contoso|Tailspin/.test(body), 'only Retail Austria tickets under the filter');
  await screenshot(moderator, '07-tickets-moderator-subsidiary', { readme: true });

  // a ticket's detail says why it is visible
  await rows.nth(1).getByRole('link').click();
  await moderator.getByText('Why you see it:').waitFor();
  // a moderator who sees the ticket through the subsidiary setting may change its status
  await choose(moderator, 'Status', 'Waiting');
  await notification(moderator, 'Ticket updated.');
  await screenshot(moderator, '08-ticket-detail');
  // the visibility explorer tells staff who sees a ticket and why, and what an account sees
  await staff.getByRole('link', { name: 'Visibility explorer' }).click();
  await choose(staff, 'Company of the ticket', 'Northwind Holding › Northwind Retail › Northwind Retail Austria');
  await firstOption(staff, 'Ticket');
  const audience = staff.getByRole('table', { name: 'Who sees a ticket' });
  await audience
    .getByRole('row')
    .filter({ hasText: 'hana.kovacova@northwind.demo' })
    .getByText('subsidiary · via Northwind Retail')
    .first()
    .waitFor();
  await staff.getByRole('combobox', { name: 'Account', exact: true }).fill('kovac'); // searched on the server
  await staff.getByRole('option', { name: 'Hana Kováčová · hana.kovacova@northwind.demo' }).click();
  const visibility = staff.getByRole('table', { name: 'What an account sees' });
  await visibility
    .getByRole('row')
    .filter({ hasText: 'Northwind Retail Slovakia' })
    .getByText('subsidiary · via Northwind Retail')
    .waitFor();
  await screenshot(staff, '09-staff-visibility-explorer', { readme: true });

  // the audit log has the setting change, in words, with what changed (issue 17)
  await staff.getByRole('link', { name: 'Audit log' }).click();
  const change = staff.getByRole('table', { name: 'Changes: Company changed' }).first();
  await change
    .getByRole('row')
    .filter({ hasText: 'Subsidiary tickets visible' })
    .filter({ hasText: /no\s*yes/ })
    .waitFor();
  await screenshot(staff, '10-staff-audit-log');

  // a staff ADMIN renames a company and creates one under it; the tree follows both
  await staff.getByRole('link', { name: 'Companies' }).click();
  const tree = staff.getByRole('navigation', { name: 'Company tree' });
  await tree.getByRole('link', { name: 'Tailspin Legal', exact: true }).click();
  await staff.getByRole('heading', { name: 'Tailspin Legal', exact: true }).waitFor();
  await staff.getByRole('button', { name: 'Rename company' }).click();
  await staff.getByRole('textbox', { name: 'Company name' }).fill('Tailspin Legal Services');
  await staff.keyboard.press('Enter');
  await notification(staff, 'Company renamed.');
  await tree.getByRole('link', { name: 'Tailspin Legal Services', exact: true }).waitFor();
  await staff.getByRole('button', { name: 'New company' }).click();
  await staff.getByRole('textbox', { name: 'Company name' }).fill('Tailspin Legal Vienna'); // under the company in view
  await staff.getByRole('button', { name: 'Create company' }).click();
  await notification(staff, 'Tailspin Legal Vienna was created.');
  await staff.getByRole('heading', { name: 'Tailspin Legal Vienna', exact: true }).waitFor();
  // the tree expands itself to the new subsidiary, and the detail's breadcrumbs lead back up
  await tree.getByRole('button', { name: 'Collapse Tailspin Legal Services' }).waitFor();
  await tree.locator('a[data-active]', { hasText: 'Tailspin Legal Vienna' }).waitFor();
  await staff.getByRole('navigation', { name: 'Parent companies' }).getByRole('link', { name: 'Tailspin Legal Services' }).waitFor();
  await screenshot(staff, '11-staff-company-created');

  await staff.context().close();
  await moderator.context().close();
}
