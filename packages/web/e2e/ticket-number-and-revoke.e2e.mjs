// Issue 17, server side as people meet it: ticket numbers on the list and the ticket page and in the
// search; Clara Hofer's accepted invitation (demo data) revoked, saying the membership went with it,
// and still gone after a reload (bug 3); a disabled account told so after its right password (bug 8).
import assert from 'node:assert/strict';
import { newPage, notification, rowWith, screenshot, signedInAs, signIn } from './lib.mjs';

export const name = 'ticket numbers, revoking an accepted invitation, a disabled account';

export async function run({ browser, baseURL }) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const phone = viewport.width < 700;
    const alice = await newPage(browser, baseURL, { viewport });
    await alice.goto('/tickets');
    await signIn(alice, 'alice.novak@northwind.demo');
    await alice.waitForURL(/\/tickets$/);
    if (!phone) await signedInAs(alice, 'Alice Novak');

    // every row shows its number; the number finds its ticket
    const firstRow = alice.getByRole('row').nth(1);
    await firstRow.waitFor();
    const number = (await firstRow.getByRole('cell').first().innerText()).trim();
    assert.match(number, /^#\d+$/, `the first cell of a ticket row is its number, not "${number}"`);
    const title = (await firstRow.getByRole('link').first().innerText()).trim();
    await alice.getByRole('searchbox', { name: /Search by title, number/ }).fill(number);
    await alice.waitForURL(new RegExp(`q=${encodeURIComponent(number)}`));
    await alice.getByText('1 ticket', { exact: true }).waitFor();
    await screenshot(alice, `${phone ? 'phone-' : ''}ticket-number-search`);
    await rowWith(alice, number).getByRole('link', { name: title }).click();
    // the list's own h1 stays until the ticket page renders: wait for the page's, which starts with the number
    await alice.waitForURL(/\/tickets\/tkt_/);
    const heading = alice.getByRole('heading', { level: 1, name: new RegExp(`^${number} `) });
    await heading.waitFor({ timeout: 10_000 });
    assert.ok((await heading.innerText()).startsWith(`${number} `), `the ticket page's title starts with ${number}`);
    await screenshot(alice, `${phone ? 'phone-' : ''}ticket-number-page`);
    await alice.context().close();
  }

  // bug 3: Clara Hofer's accepted invitation takes her membership with it
  const alice = await newPage(browser, baseURL);
  await alice.goto('/people');
  await signIn(alice, 'alice.novak@northwind.demo');
  await alice.getByRole('heading', { name: 'People · Northwind Holding' }).waitFor();
  await rowWith(alice, 'Clara Hofer').first().waitFor();
  const clara = 'clara.hofer@northwind.demo';
  await rowWith(alice, clara)
    .filter({ hasText: 'Accepted' })
    .getByRole('button', { name: `Revoke: ${clara}` })
    .click();
  const asked = alice.getByRole('dialog', { name: 'Revoke the accepted invitation?' });
  await asked.getByText('The membership it created is removed too.').waitFor();
  await asked.getByRole('button', { name: 'Revoke', exact: true }).click();
  await notification(alice, `The invitation for ${clara} was revoked, and the membership it created was removed.`);
  await screenshot(alice, 'revoke-accepted-invitation');
  await alice.reload();
  await rowWith(alice, clara).filter({ hasText: 'Revoked' }).waitFor();
  await rowWith(alice, 'bernd.keller@northwind.demo').waitFor();
  assert.equal(await rowWith(alice, 'Clara Hofer').filter({ hasNotText: 'Revoked' }).count(), 0, 'Clara Hofer is no member any more');
  await alice.context().close();

  // bug 8: Lena Wagner's account is disabled; only her right password says so
  const lena = await newPage(browser, baseURL);
  await lena.goto('/signin');
  await signIn(lena, 'lena.wagner@northwind.demo', 'not the password');
  await lena.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
  await signIn(lena, 'lena.wagner@northwind.demo');
  await lena.getByRole('alert').filter({ hasText: 'This account is disabled. Ask your administrator to enable it again.' }).waitFor();
  await screenshot(lena, 'sign-in-disabled-account');
  await lena.context().close();
}
