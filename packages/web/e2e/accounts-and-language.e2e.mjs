// Staff find an account by searching the Accounts screen (the search is in the URL and survives a
// reload); a customer's language choice is saved to the account and followed after a reload and in
// another browser.
import assert from 'node:assert/strict';
import { newPage, rowWith, screenshot, signedInAs, signIn } from './lib.mjs';

export const name = 'staff search accounts; a language choice is saved to the account';

export async function run({ browser, baseURL }) {
  const staff = await newPage(browser, baseURL);
  await staff.goto('/staff/accounts');
  await signIn(staff, 'admin@clientele.demo');
  await staff.getByRole('table', { name: 'Accounts' }).waitFor();
  await staff.getByRole('searchbox', { name: 'Search by name or email' }).fill('kovac');
  await staff.waitForURL(/\/staff\/accounts\?q=kovac$/);
  await rowWith(staff, 'hana.kovacova@northwind.demo').getByText('Northwind Retail (Moderator)').waitFor();
  await staff.getByText('1 account', { exact: true }).waitFor();
  await screenshot(staff, '12-staff-accounts-search');
  await staff.reload();
  await rowWith(staff, 'hana.kovacova@northwind.demo').waitFor();
  assert.equal(await staff.getByRole('searchbox', { name: 'Search by name or email' }).inputValue(), 'kovac');
  assert.equal(await staff.getByRole('table', { name: 'Accounts' }).locator('tbody tr').count(), 1);
  await staff.context().close();

  const quinn = await newPage(browser, baseURL);
  await quinn.goto('/tickets');
  await signIn(quinn, 'quinn.adams@contoso.demo');
  await signedInAs(quinn, 'Quinn Adams');
  await quinn.getByRole('combobox', { name: 'Language' }).selectOption('de');
  await quinn.getByRole('button', { name: 'Abmelden' }).waitFor();
  await quinn.waitForTimeout(300); // the save is on its way
  await quinn.reload();
  await quinn.getByRole('button', { name: 'Abmelden' }).waitFor();
  // another browser, with nothing stored locally: the account's language
  const elsewhere = await newPage(browser, baseURL);
  await elsewhere.goto('/tickets');
  await signIn(elsewhere, 'quinn.adams@contoso.demo');
  await elsewhere.getByText('Angemeldet als Quinn Adams').waitFor();
  // wait for the save itself: the account must speak English again for the scenarios after this one
  const saved = elsewhere.waitForResponse((r) => r.url().endsWith('/graphql') && /UpdateViewerMutation/.test(r.request().postData() ?? ''));
  await elsewhere.getByRole('combobox', { name: 'Sprache' }).selectOption('en');
  await elsewhere.getByRole('button', { name: 'Sign out' }).waitFor();
  await saved;
  await elsewhere.context().close();
  await quinn.context().close();
}
