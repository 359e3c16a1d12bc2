// Issue 17's journeys as people walk them, each at 1280×800 and at 390×844 (on the phone every page
// is reached through the header's "Menu"): the fixed bugs 1–9 and the expectations, each asserting
// what was fixed. On the phone no page scrolls sideways and a dialog's submit button lies inside the
// window; axe-core finds nothing on each journey's final state; no confirmation is the browser's own.
// Both passes share one server and database: everything changed is the scenario's own (names with a
// time stamp) or restored. Screenshots: journey-<nn>-<slug>.png and phone-journey-<nn>-<slug>.png,
// the phone ones copied to docs/screenshots/journeys/ for the README.
import assert from 'node:assert/strict';
import {
  acceptLinkFor,
  HEADER_HEIGHT,
  mailedLink,
  assertAccessible,
  assertNoSidewaysScroll,
  newPage,
  notification,
  rowWith,
  saveProfileName,
  screenshot,
  signIn,
} from './lib.mjs';

export const name = "issue 17's journeys at desktop and phone size: fixed bugs and expectations, screenshots of each";

const SIZES = [
  { key: 'desktop', prefix: 'journey', viewport: { width: 1280, height: 800 }, phone: false },
  { key: 'phone', prefix: 'phone-journey', viewport: { width: 390, height: 844 }, phone: true },
];
const NEW_PASSWORD = 'correct horse battery staple';
/** The navigation's words in the two languages the journeys use. */
const EN = { menu: 'Menu', nav: 'Main' };
const DE = { menu: 'Menü', nav: 'Hauptnavigation' };

/** A page at the size, ready for axe-core (CSP bypassed, no transitions), that counts the browser's own dialogs. */
async function open(browser, baseURL, size, nativeDialogs) {
  const page = await newPage(browser, baseURL, { viewport: size.viewport, bypassCSP: true, reducedMotion: 'reduce' });
  page.on('dialog', (dialog) => nativeDialogs.push(`${dialog.type()}: ${dialog.message()}`));
  return page;
}

/** Waits until no list or page is still loading (QueryState's "Loading…"). */
async function settled(page) {
  await page
    .getByRole('status')
    .filter({ hasText: /^(Loading…|Wird geladen…)$/ })
    .first()
    .waitFor({ state: 'detached' });
}

/** A page as it should be at any size: loaded, a header of one 56 px row, and on a phone no sideways scrolling. */
async function pageCheck(page, size, where) {
  await settled(page);
  const header = await page.getByRole('banner').boundingBox();
  assert.equal(Math.round(header.height), HEADER_HEIGHT, `the header on ${where} is ${header.height}px high`);
  if (size.phone) await assertNoSidewaysScroll(page, `${where} at 390 px`);
}

/** A dialog's last button (its submit, or a confirmation's action) lies inside the window as it opens. */
async function assertActionInView(page, dialog, where) {
  const { width, height } = page.viewportSize();
  const action = await dialog.getByRole('button').last().boundingBox();
  assert.ok(
    action && action.y >= 0 && action.y + action.height <= height && action.x >= 0 && action.x + action.width <= width,
    `${where}: the dialog's action is off-screen (${JSON.stringify(action)} in ${width}×${height})`,
  );
}

/**
 * A journey's final state: nothing scrolls sideways on a phone, a screenshot of what is on screen, and
 * axe-core finds nothing. `option` closes an open option list first by picking it: Mantine portals
 * the list to the end of <body>, outside every landmark, which axe-core's "region" rule reports.
 */
async function finish(page, size, journey, { option } = {}) {
  await settled(page);
  if (size.phone) await assertNoSidewaysScroll(page, `journey ${journey} at 390 px`);
  await screenshot(page, `${size.prefix}-${journey}`, { fullPage: false });
  // with a picker's list open, then with the option picked
  if (option) await assertAccessible(page, `journey ${journey} at ${size.key} size, its list open`);
  await option?.click();
  await assertAccessible(page, `journey ${journey} at ${size.key} size`);
}

/** Goes to a page of the navigation, as a person does: on a phone through the header's menu button. */
async function navigate(page, size, link, words = EN) {
  if (size.phone) {
    const menu = page.getByRole('banner').getByRole('button', { name: words.menu, exact: true });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false', 'the menu is closed before it is opened');
    await menu.click();
  }
  await page.getByRole('navigation', { name: words.nav }).getByRole('link', { name: link, exact: true }).click();
}

/** Picks an option of a Mantine Select by its label (lib's choose(), but only among that Select's own options). */
async function choose(page, label, option) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('listbox', { name: label, exact: true }).getByRole('option', { name: option, exact: true }).click();
}

/** Picks an option of a server-searched picker (SearchSelect) after typing `search`. */
async function pick(page, label, search, option) {
  await page.getByRole('combobox', { name: label, exact: true }).fill(search);
  await page.getByRole('listbox', { name: label, exact: true }).getByRole('option', { name: option, exact: true }).click();
}

/** Chooses the portal's language (header, or the phone's menu) and waits until the account has it too. */
async function switchLanguage(page, size, language, words) {
  const saved = page.waitForResponse((r) => r.url().endsWith('/graphql') && /UpdateViewerMutation/.test(r.request().postData() ?? ''));
  if (size.phone) await page.getByRole('banner').getByRole('button', { name: words.menu, exact: true }).click();
  const where = size.phone ? page.getByRole('navigation', { name: words.nav }) : page.getByRole('banner');
  await where.getByRole('combobox', { name: language === 'de' ? 'Language' : 'Sprache' }).selectOption(language);
  await saved;
}

/**
 * Waits for the toast saying `text` and closes it, as a person does before going on: a toast pauses
 * while the pointer rests on it, and on a phone it lies over the top of the page.
 */
async function toast(page, text) {
  const shown = page.locator('.mantine-Notification-root').filter({ hasText: text }).first();
  await shown.waitFor();
  await shown.getByRole('button', { name: 'Close' }).click();
  await shown.waitFor({ state: 'detached' });
}

/** The "#42" numbers of the rows of the tickets table, top to bottom. */
async function ticketNumbers(page) {
  const cells = await page.getByRole('table', { name: 'Tickets' }).locator('tbody tr td:first-child').allInnerTexts();
  return cells.map((c) => Number(c.trim().replace(/^#/, '')));
}

/** Bug 1: a 160-character name keeps the header one 56 px row with language and Sign out in reach; then restored. */
async function longName({ browser, baseURL, size, nativeDialogs }) {
  const first = 'Bartholomew Maximilian Konstantin Friedrich Leopold Ferdinand Augustin'.padEnd(79, 'x');
  const last = 'Wright-Montgomery-Fitzgerald-Hohenzollern-Sigmaringen-Vandenberghe-Oppenheim'.padEnd(80, 'y');
  const full = `${first} ${last}`;
  assert.equal(full.length, 160);
  const page = await open(browser, baseURL, size, nativeDialogs);
  try {
    await page.goto('/profile');
    await signIn(page, 'daniel.wright@northwind.demo'); // no other scenario signs in as Daniel; his name is put back below
    await saveProfileName(page, first, last);
    await page.getByText(`Signed in as ${full}`).waitFor({ state: 'attached' });
    await pageCheck(page, size, 'the profile with a long name');
    const header = page.getByRole('banner');
    if (size.phone) {
      // the header is the menu button and the portal's name; the menu holds the name, language and Sign out
      assert.equal(await header.getByRole('button', { name: 'Sign out' }).count(), 0);
      await header.getByRole('button', { name: 'Menu', exact: true }).click();
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByText(`Signed in as ${full}`).waitFor();
      await nav.getByRole('combobox', { name: 'Language' }).click({ trial: true });
      await nav.getByRole('button', { name: 'Sign out' }).click({ trial: true }); // on screen, nothing on top of it
    } else {
      // cut short on one line, ending before the language switcher; both controls clickable
      const nameBox = await header.getByRole('link', { name: `Signed in as ${full}` }).boundingBox();
      const languageBox = await header.getByRole('combobox', { name: 'Language' }).boundingBox();
      assert.ok(
        nameBox.height < 30 && nameBox.x + nameBox.width <= languageBox.x,
        `the name runs into the controls: ${JSON.stringify(nameBox)}`,
      );
      await header.getByRole('combobox', { name: 'Language' }).click({ trial: true });
      await header.getByRole('button', { name: 'Sign out' }).click({ trial: true });
      await page.getByRole('button', { name: 'Save' }).first().click({ trial: true }); // the page's controls stay reachable
    }
    await finish(page, size, '01-long-name');
    if (size.phone) await header.getByRole('button', { name: 'Menu', exact: true }).click();
    await page.getByRole('textbox', { name: 'First name' }).fill('Daniel');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Wright');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Signed in as Daniel Wright').waitFor({ state: 'attached' });
  } finally {
    await page.context().close();
  }
}

/**
 * A customer administrator: ticket numbers and search (expectation), counts, sorting and paging
 * (expectation), Tickets and People with their dialogs on a phone (bug 2), an invitation in German
 * opened in German (bug 4), a role change offering the new role's capabilities (bug 9), and the
 * revocation of the accepted invitation saying what happened to the membership (bug 3).
 */
async function customerAdministrator({ browser, baseURL, outbox, size, stamp, nativeDialogs }) {
  const page = await open(browser, baseURL, size, nativeDialogs);
  let colleague = null;
  try {
    await page.goto('/tickets');
    await signIn(page, 'alice.novak@northwind.demo');
    const tickets = page.getByRole('table', { name: 'Tickets' });
    await tickets.waitFor();
    await pageCheck(page, size, 'Tickets');

    // 10: every row shows its number, and the number finds its ticket
    const firstRow = tickets.getByRole('row').nth(1);
    const number = (await firstRow.getByRole('cell').first().innerText()).trim();
    assert.match(number, /^#\d+$/, `the first cell of a ticket row is its number, not "${number}"`);
    const title = (await firstRow.getByRole('link').first().innerText()).trim();
    const search = page.getByRole('searchbox', { name: 'Search by title, number (#1042) or ticket id' });
    await search.fill(number);
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(number)}`));
    await page.getByText('1 ticket', { exact: true }).waitFor();
    await rowWith(page, number).getByRole('link', { name: title }).waitFor();
    await finish(page, size, '10-ticket-number');
    await search.fill('');
    await page.waitForURL((url) => url.pathname === '/tickets' && url.search === '');

    // 11: the count says how many of how many; sorting and "Load more" keep it right
    const count = page.getByText(/^(Showing [\d,]+ of )?[\d,]+ tickets$/);
    const countText = await count.innerText();
    const total = Number(/([\d,]+) tickets$/.exec(countText)[1].replace(/,/g, ''));
    assert.match(countText, /^Showing 25 of /, `a first page says how many of how many: ${countText}`);
    const newest = await ticketNumbers(page);
    assert.deepEqual(
      newest,
      [...newest].sort((a, b) => b - a),
      `newest first: ${newest}`,
    );
    await choose(page, 'Sort', 'Oldest first');
    await page.waitForURL(/sort=oldest/);
    await page.getByRole('columnheader', { name: 'Created' }).and(page.locator('[aria-sort="ascending"]')).waitFor();
    await page.waitForFunction((first) => {
      const cell = globalThis.document.querySelector('table[aria-label="Tickets"] tbody tr td');
      return cell && cell.textContent.trim() !== first;
    }, `#${newest[0]}`);
    const oldest = await ticketNumbers(page);
    assert.deepEqual(
      oldest,
      [...oldest].sort((a, b) => a - b),
      `oldest first: ${oldest}`,
    );
    assert.ok(oldest[0] < newest[newest.length - 1], `the oldest tickets come first: ${oldest[0]} after ${newest}`);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText(`Showing ${Math.min(50, total)} of ${total.toLocaleString('en-GB')} tickets`).waitFor();
    // back up to the sort and the count, where "Load more" scrolled away from
    await page.getByRole('combobox', { name: 'Sort' }).evaluate((input) => input.scrollIntoView({ block: 'start' }));
    await finish(page, size, '11-list-count-sorting');

    // 02: the New-ticket dialog, People and the Invite dialog fit a phone; the menu button says "Menu"
    await page.getByRole('button', { name: 'New ticket' }).click();
    const newTicket = page.getByRole('dialog', { name: 'New ticket' });
    await newTicket.getByRole('button', { name: 'Create ticket' }).waitFor();
    await assertActionInView(page, newTicket, 'the New-ticket dialog');
    if (size.phone) await assertNoSidewaysScroll(page, 'the New-ticket dialog');
    await page.keyboard.press('Escape');
    await newTicket.waitFor({ state: 'detached' });
    await navigate(page, size, 'People');
    await page.getByRole('heading', { name: 'People · Northwind Holding' }).waitFor();
    await page.getByRole('table', { name: 'Members' }).waitFor();
    await pageCheck(page, size, 'People');
    const header = page.getByRole('banner');
    if (size.phone) {
      assert.equal(await header.getByRole('button', { name: 'Menu', exact: true }).count(), 1, 'the phone menu button is named "Menu"');
      assert.equal(await header.getByRole('button', { name: 'Tickets' }).count(), 0, 'no header button is named "Tickets"');
    } else {
      await header.getByRole('button', { name: 'Sign out' }).click({ trial: true });
    }
    const email = `journey.invitation.${stamp}@example.test`;
    const invitee = { first: 'Erika', last: `Lang-${stamp}` };
    const inviteeName = `${invitee.first} ${invitee.last}`;
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const invite = page.getByRole('dialog', { name: 'Invite a colleague to Northwind Holding' });
    await invite.getByRole('textbox', { name: 'First name' }).fill(invitee.first);
    await invite.getByRole('textbox', { name: 'Last name' }).fill(invitee.last);
    await invite.getByRole('textbox', { name: 'Email' }).fill(email);
    await choose(page, 'Language of the email', 'Deutsch');
    await choose(page, 'Role', 'Member');
    await assertActionInView(page, invite, 'the Invite dialog');
    await finish(page, size, '02-phone-pages-and-dialogs');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await toast(page, `Invitation sent to ${email}.`);
    await rowWith(page, email).filter({ hasText: 'Pending' }).waitFor();

    // 04: a German invitation opens in German, in a browser that speaks English
    colleague = await open(browser, baseURL, size, nativeDialogs);
    await colleague.goto(await acceptLinkFor(outbox, email));
    await colleague.getByRole('heading', { name: 'Northwind Holding beitreten' }).waitFor();
    await colleague.getByText('Alice Novak hat Sie als Mitglied zu Northwind Holding eingeladen.').waitFor();
    assert.equal(await colleague.evaluate(() => globalThis.document.documentElement.lang), 'de');
    await colleague.getByRole('textbox', { name: 'Passwort wählen' }).fill(NEW_PASSWORD);
    await colleague.getByRole('textbox', { name: 'Passwort wiederholen' }).fill(NEW_PASSWORD);
    await colleague.getByRole('button', { name: 'Annehmen und anmelden' }).click({ trial: true });
    await finish(colleague, size, '04-invitation-language');
    await colleague.getByRole('button', { name: 'Annehmen und anmelden' }).click();
    await colleague.waitForURL(/\/tickets$/);
    await colleague.context().close();
    colleague = null;

    // 09: a new role brings its default capabilities, said in the dialog
    await page.reload();
    await rowWith(page, email).filter({ hasText: 'Accepted' }).waitFor();
    await page.getByRole('button', { name: `Change role: ${inviteeName}` }).click();
    const roleDialog = page.getByRole('dialog', { name: `Role and capabilities of ${inviteeName}` });
    await roleDialog.getByRole('checkbox', { name: 'Tickets' }).waitFor();
    assert.equal(await roleDialog.getByRole('checkbox', { name: 'Solver' }).isChecked(), false, "a member's capabilities to begin with");
    await choose(page, 'Role', 'Moderator');
    await roleDialog.getByText('The usual capabilities of a Moderator are now ticked. Adjust them if needed before saving.').waitFor();
    for (const [capability, ticked] of [
      ['Tickets', true],
      ['Solver', true],
      ['Knowledge base', true],
      ['Overview', true],
      ['Billing', false],
      ['Invoices', false],
    ])
      assert.equal(
        await roleDialog.getByRole('checkbox', { name: capability }).isChecked(),
        ticked,
        `${capability} after choosing Moderator`,
      );
    await roleDialog.getByRole('button', { name: 'Keep the previous capabilities' }).waitFor();
    await assertActionInView(page, roleDialog, 'the role dialog');
    await finish(page, size, '09-role-defaults');
    await roleDialog.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Role and capabilities saved.');
    await page
      .getByRole('table', { name: 'Members' })
      .getByRole('row')
      .filter({ hasText: inviteeName })
      .filter({ hasText: 'Tickets, Solver, Knowledge base, Overview' })
      .waitFor();

    // 03: revoking the accepted invitation says that the membership went with it, and it stays gone
    await rowWith(page, email)
      .filter({ hasText: 'Accepted' })
      .getByRole('button', { name: `Revoke: ${email}` })
      .click();
    const asked = page.getByRole('dialog', { name: 'Revoke the accepted invitation?' });
    await asked.getByText(`Revoke the accepted invitation for ${email}? The membership it created is removed too.`).waitFor();
    await assertActionInView(page, asked, 'the revoke confirmation');
    await asked.getByRole('button', { name: 'Revoke', exact: true }).click();
    await notification(page, `The invitation for ${email} was revoked, and the membership it created was removed.`);
    await rowWith(page, email).filter({ hasText: 'Revoked' }).waitFor();
    await page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: inviteeName }).waitFor({ state: 'detached' });
    // on a phone the table scrolls inside its box: back to the row's email and status
    await rowWith(page, email)
      .getByRole('cell', { name: email })
      .evaluate((cell) => cell.scrollIntoView({ block: 'center', inline: 'start' }));
    await finish(page, size, '03-revoke-accepted-invitation');
    await page.reload();
    await rowWith(page, email).filter({ hasText: 'Revoked' }).waitFor();
    await rowWith(page, 'bernd.keller@northwind.demo').waitFor();
    assert.equal(await page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: inviteeName }).count(), 0);
  } finally {
    await colleague?.context().close();
    await page.context().close();
  }
}

/**
 * A staff ADMIN, on companies of the scenario's own: a duplicate name refused (expectation), "Move
 * under" without the company and its subsidiaries (bug 5), the portal turned off only after a
 * confirmation saying what changes (bug 6), German labels (bug 7), Create account with Cancel, company
 * and role (expectation) in a picker that shows the path (expectation), in-app confirmations
 * (expectation), a disabled account told so after the right password (bug 8), and the audit log (expectation).
 */
async function staffAdmin({ browser, baseURL, outbox, size, stamp, nativeDialogs }) {
  const group = `Journey ${stamp} Group`;
  const shop = `Journey ${stamp} Shop`;
  const branch = `Journey ${stamp} Shop Branch`;
  const page = await open(browser, baseURL, size, nativeDialogs);
  const others = [];
  try {
    await page.goto('/staff/companies');
    await signIn(page, 'admin@clientele.demo');
    await page.getByRole('heading', { name: 'Company tree', level: 1 }).waitFor();
    await pageCheck(page, size, 'Companies');

    // 15: a second company of the same name at the same level is refused, with words for it
    const newCompany = page.getByRole('dialog', { name: 'New company' });
    const createCompany = async (companyName) => {
      await page.getByRole('button', { name: 'New company' }).click();
      await newCompany.getByRole('textbox', { name: 'Company name' }).fill(companyName);
      await newCompany.getByRole('button', { name: 'Create company' }).click();
    };
    await createCompany(group);
    await toast(page, `${group} was created.`);
    await page.getByRole('heading', { name: group, level: 2 }).waitFor();
    await navigate(page, size, 'Companies');
    await page.getByText('Pick a company in the tree.').waitFor();
    await createCompany(group);
    await newCompany.getByText('A company with this name already exists at this level. Choose another name.').waitFor();
    await assertActionInView(page, newCompany, 'the New-company dialog');
    await finish(page, size, '15-duplicate-company-name');
    await newCompany.getByRole('textbox', { name: 'Company name' }).fill(shop);
    await newCompany.getByRole('button', { name: 'Create company' }).click();
    await toast(page, `${shop} was created.`);
    await page.getByRole('heading', { name: shop, level: 2 }).waitFor();
    await createCompany(branch); // under the company in view
    await toast(page, `${branch} was created.`);
    await page.getByRole('heading', { name: branch, level: 2 }).waitFor();
    await page.getByRole('navigation', { name: 'Parent companies' }).getByRole('link', { name: shop }).click();
    await page.getByRole('heading', { name: shop, level: 2 }).waitFor();
    await pageCheck(page, size, `the company ${shop}`);

    // 05: "Move under" offers neither the company itself nor its subsidiary, and asks before moving
    const moveUnder = page.getByRole('combobox', { name: 'Move under', exact: true });
    await moveUnder.fill(`Journey ${stamp}`);
    // the server's matches replace the earlier ones once typing pauses: all three companies match the search
    const places = page.getByRole('listbox', { name: 'Move under' }).getByRole('option');
    let offered = [];
    for (const end = Date.now() + 10_000; Date.now() < end; await page.waitForTimeout(100)) {
      offered = (await places.allInnerTexts()).map((o) => o.trim());
      if (offered.length > 0 && offered.every((o) => o.includes(`Journey ${stamp}`))) break;
    }
    assert.deepEqual(offered, [group], `"Move under" offers only ${group} of the three companies found: ${offered}`);
    await finish(page, size, '05-move-under', { option: places.filter({ hasText: group }) });
    await page.getByRole('button', { name: 'Move', exact: true }).click();
    const moveDialog = page.getByRole('dialog', { name: `Move ${shop} under ${group}?` });
    await moveDialog.getByText(`${shop} moves with all its subsidiaries.`, { exact: false }).waitFor();
    await assertActionInView(page, moveDialog, 'the move confirmation');
    await moveDialog.getByRole('button', { name: 'Move', exact: true }).click();
    await toast(page, 'Company moved.');
    await page.getByRole('navigation', { name: 'Parent companies' }).getByRole('link', { name: group }).waitFor();

    // 06: turning the portal off asks first, saying what changes; the toast says it is off; then on again
    const portal = page.getByRole('switch', { name: 'Portal enabled' });
    const portalSwitch = page.locator('label', { has: portal }); // its track and label, where a person taps
    assert.equal(await portal.isChecked(), true);
    await portalSwitch.click({ position: { x: 18, y: 10 } });
    const portalDialog = page.getByRole('dialog', { name: `Turn off the portal for ${shop}?` });
    await portalDialog.getByText(/their membership here no longer grants anything/).waitFor();
    await portalDialog.getByText(/Nothing is deleted\./).waitFor();
    await assertActionInView(page, portalDialog, 'the portal-off confirmation');
    assert.equal(await portal.isChecked(), true, 'nothing changes before the confirmation');
    await finish(page, size, '06-portal-off-confirmation');
    await portalDialog.getByRole('button', { name: 'Turn off the portal' }).click();
    await toast(page, `Portal turned off for ${shop}.`);
    await portalDialog.waitFor({ state: 'detached' });
    assert.equal(await portal.isChecked(), false);
    await portalSwitch.click({ position: { x: 18, y: 10 } });
    await toast(page, `Portal turned on for ${shop}.`);
    await page.waitForFunction(() => globalThis.document.querySelector('input[role="switch"]')?.checked === true);

    // 07: in German, the settings, the navigation landmark, the profile's language field, staff roles
    // and the audit log's actions and targets are German
    await switchLanguage(page, size, 'de', EN);
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
    if (size.phone) await page.getByRole('banner').getByRole('button', { name: 'Menü', exact: true }).click();
    await page.getByRole('switch', { name: 'Tickets mit Mutter- und Schwesterfirmen teilen' }).waitFor({ state: 'attached' });
    await page.getByRole('switch', { name: 'Portal aktiviert' }).waitFor({ state: 'attached' });
    await navigate(page, size, 'Profil', DE);
    await page.getByRole('heading', { name: 'Ihr Profil' }).waitFor();
    await page.getByRole('combobox', { name: 'Sprache des Portals und Ihrer E-Mails' }).waitFor();
    if (size.phone) await assertNoSidewaysScroll(page, 'the profile in German');
    await navigate(page, size, 'Konten', DE);
    await page.getByRole('searchbox', { name: 'Nach Name oder E-Mail suchen' }).fill('admin@clientele.demo');
    await rowWith(page, 'admin@clientele.demo').getByText('Personal: Administrator').waitFor(); // not ADMIN
    await navigate(page, size, 'Protokoll', DE);
    const auditDe = page.getByRole('table', { name: 'Protokoll' });
    await auditDe.waitFor();
    await pick(page, 'Firma', shop, `${group} › ${shop}`);
    await auditDe.getByText('Firma verschoben').first().waitFor();
    await auditDe.getByText('Firma geändert').first().waitFor();
    await auditDe.getByText(`von Morgan Reyes · ${shop}`).first().waitFor();
    await auditDe
      .getByRole('table', { name: 'Änderungen: Firma geändert' })
      .first()
      .getByRole('cell', { name: 'Portal aktiviert' })
      .waitFor();
    const sentences = await auditDe.locator(':scope > tbody > tr > td:nth-child(2)').allInnerTexts();
    assert.ok(!sentences.some((s) => /\b[a-z_]+\.[a-z_]+\b|\bCompany\b|\bby\b/.test(s)), `untranslated in the audit log: ${sentences}`);
    await finish(page, size, '07-german-labels');
    await switchLanguage(page, size, 'en', DE);
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'attached' });
    if (size.phone) await page.getByRole('banner').getByRole('button', { name: 'Menu', exact: true }).click();

    // 12: the audit log reads as sentences with a before/after, filtered by company (still the one
    // chosen above), action and person
    await page.getByRole('table', { name: 'Audit log' }).waitFor();
    await pageCheck(page, size, 'Audit log');
    await choose(page, 'Action', 'Company changed');
    await pick(page, 'Who', 'Morgan', 'Morgan Reyes · admin@clientele.demo');
    await page.getByText('2 events', { exact: true }).waitFor();
    const changes = page.getByRole('table', { name: 'Changes: Company changed' });
    await changes
      .getByRole('row')
      .filter({ hasText: 'Portal enabled' })
      .filter({ hasText: /yes\s*no/ })
      .waitFor();
    await changes
      .getByRole('row')
      .filter({ hasText: 'Portal enabled' })
      .filter({ hasText: /no\s*yes/ })
      .waitFor();
    await page.getByRole('table', { name: 'Audit log' }).getByText(`by Morgan Reyes · ${shop}`).first().waitFor();
    await finish(page, size, '12-audit-log');

    // 13 and 16: Create account — Cancel leaves nothing behind; company (its path shown) and role in the same step
    await navigate(page, size, 'Accounts');
    await page.getByRole('table', { name: 'Accounts' }).waitFor();
    await pageCheck(page, size, 'Accounts');
    const createAccount = page.getByRole('dialog', { name: 'Create account' });
    await page.getByRole('button', { name: 'Create account' }).click();
    await createAccount.getByRole('textbox', { name: 'First name' }).fill('Cancelled');
    await createAccount.getByRole('button', { name: 'Cancel' }).click();
    await createAccount.waitFor({ state: 'detached' });
    const email = `journey.account.${stamp}@example.test`;
    const person = { first: 'Jonas', last: `Berg-${stamp}` };
    const personName = `${person.first} ${person.last}`;
    await page.getByRole('button', { name: 'Create account' }).click();
    assert.equal(await createAccount.getByRole('textbox', { name: 'First name' }).inputValue(), '', 'Cancel kept nothing');
    await createAccount.getByRole('textbox', { name: 'First name' }).fill(person.first);
    await createAccount.getByRole('textbox', { name: 'Last name' }).fill(person.last);
    await createAccount.getByRole('textbox', { name: 'Email' }).fill(email);
    const companyPicker = createAccount.getByRole('combobox', { name: 'Company', exact: true });
    // every company: a list longer than its box scrolls, and axe-core has nothing to say about it either
    await companyPicker.click();
    await page.getByRole('listbox', { name: 'Company' }).getByRole('option').nth(7).waitFor();
    await assertAccessible(page, `the Create account company list, unfiltered, at ${size.key} size`);
    await companyPicker.fill(branch);
    const pathOption = page
      .getByRole('listbox', { name: 'Company' })
      .getByRole('option', { name: `${group} › ${shop} › ${branch}`, exact: true });
    await pathOption.waitFor();
    await finish(page, size, '16-company-path-in-picker', { option: pathOption });
    assert.equal(await companyPicker.inputValue(), `${group} › ${shop} › ${branch}`);
    await choose(page, 'Role', 'Moderator');
    await assertActionInView(page, createAccount, 'the Create-account dialog');
    await createAccount.getByRole('button', { name: 'Create account' }).click();
    await toast(page, `Account created. We emailed ${email} a link to choose a password.`);
    await createAccount.waitFor({ state: 'detached' });
    await page.getByRole('searchbox', { name: 'Search by name or email' }).fill(email);
    await page.getByText('1 account', { exact: true }).waitFor();
    await rowWith(page, email).getByText(`${branch} (Moderator)`).waitFor();
    assert.equal(await rowWith(page, 'Cancelled').count(), 0);
    await finish(page, size, '13-create-account');

    // the person chooses a password from the mailed link
    const link = await mailedLink(outbox, email, /https?:\/\/[^\s"<>]+\/password-reset\?token=[A-Za-z0-9_%.~-]+&(amp;)?welcome=1/);
    const newcomer = await open(browser, baseURL, size, nativeDialogs);
    others.push(newcomer);
    await newcomer.goto(link.replace('&amp;', '&'));
    await newcomer.getByRole('heading', { name: 'Choose your password' }).waitFor();
    if (size.phone) await assertNoSidewaysScroll(newcomer, 'the set-password page');
    await newcomer.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await newcomer.getByLabel(/^Repeat the new password/).fill(NEW_PASSWORD);
    await newcomer.getByRole('button', { name: 'Set password and sign in' }).click();
    await notification(newcomer, 'Your password is set and you are signed in. Welcome!');
    await newcomer.context().close();

    // 14: disabling asks in the page (no browser dialog), saying what it does
    await rowWith(page, email)
      .getByRole('button', { name: `Disable: ${personName}` })
      .click();
    const disableDialog = page.getByRole('dialog', { name: `Disable ${personName}?` });
    await disableDialog
      .getByText(`${personName} will no longer be able to sign in. You can enable the account again at any time.`)
      .waitFor();
    await assertActionInView(page, disableDialog, 'the disable confirmation');
    await finish(page, size, '14-in-app-confirmation');
    await disableDialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await toast(page, `${personName} was disabled.`);

    // 08: a wrong password is just wrong; the right one learns that the account is disabled
    const disabled = await open(browser, baseURL, size, nativeDialogs);
    others.push(disabled);
    await disabled.goto('/signin');
    await signIn(disabled, email, 'not the password');
    await disabled.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
    await signIn(disabled, email, NEW_PASSWORD);
    await disabled.getByRole('alert').filter({ hasText: 'This account is disabled. Ask your administrator to enable it again.' }).waitFor();
    await finish(disabled, size, '08-disabled-account');
  } finally {
    for (const other of others) await other.context().close();
    await page.context().close();
  }
}

export async function run({ browser, baseURL, outbox }) {
  for (const size of SIZES) {
    const nativeDialogs = [];
    const stamp = `${String(Date.now()).slice(-6)}${size.phone ? 'p' : 'd'}`; // unique within a run (one database)
    const context = { browser, baseURL, outbox, size, stamp, nativeDialogs };
    // three people at once, each in a browser context of their own; every journey's failure is reported
    const started = Date.now();
    const timed = async (who, walk) => {
      await walk(context);
      return `${who} ${((Date.now() - started) / 1000).toFixed(1)}s`;
    };
    const results = await Promise.allSettled([
      timed('long name', longName),
      timed('customer administrator', customerAdministrator),
      timed('staff admin', staffAdmin),
    ]);
    const failures = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    if (failures.length === 1) throw failures[0];
    if (failures.length)
      throw new Error(`${failures.length} people's journeys failed at ${size.key} size:\n${failures.map((f) => f.stack ?? f).join('\n')}`);
    // expectation: one kind of confirmation, the portal's own dialogs
    assert.deepEqual(nativeDialogs, [], `the browser's own dialogs at ${size.key} size`);
    console.log(`    journeys at ${size.key} size: ${results.map((r) => r.value).join(', ')}`);
  }
}
