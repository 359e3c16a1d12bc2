// Every main screen and dialog, for the roles that use them, at 1280×800 and at 390×844: axe-core finds
// nothing (any impact), a phone never scrolls sideways, a dialog's actions are on screen, the header
// stays one 56 px row and its menu holds navigation, language and Sign out. Then a 160-character name
// in the header. Screenshots: responsive-*.png (desktop) and phone-*.png.
import assert from 'node:assert/strict';
import { assertAccessible, assertNoSidewaysScroll, HEADER_HEIGHT, newPage, saveProfileName, screenshot, signIn } from './lib.mjs';

export const name = 'every screen and dialog at desktop and phone size: axe-core, no sideways scrolling, long names';

const SIZES = [
  { key: 'desktop', prefix: 'responsive', viewport: { width: 1280, height: 800 } },
  { key: 'phone', prefix: 'phone', viewport: { width: 390, height: 844 } },
];

/** Waits until no list or page is still loading (QueryState's "Loading…"). */
async function settled(page) {
  await page.getByRole('status').filter({ hasText: 'Loading…' }).first().waitFor({ state: 'detached' });
}

/** Goes to `path` inside the app as its own links do (no reload: the app and axe-core stay loaded). */
async function visit(page, path) {
  await page.evaluate((to) => {
    globalThis.history.pushState(null, '', to);
    globalThis.dispatchEvent(new globalThis.PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((url) => url.pathname + url.search === path);
}

/** The header: one row of 56 px, whatever the page and the size. */
async function assertHeader(page, where) {
  const box = await page.getByRole('banner').boundingBox();
  assert.equal(Math.round(box.height), HEADER_HEIGHT, `the header on ${where} is ${box.height}px high`);
}

async function check(page, size, shot) {
  await settled(page);
  if (size.key === 'phone') await assertNoSidewaysScroll(page, shot);
  await assertAccessible(page, `${shot} at ${size.key} size`);
  await screenshot(page, `${size.prefix}-${shot}`, { fullPage: false }); // what a person sees first
}

/** A screen: `open` navigates and waits for what it shows; `dialogs` are opened from it one by one. */
async function screen(page, size, shot, open, dialogs = []) {
  await open();
  await assertHeader(page, shot);
  await check(page, size, shot);
  for (const { button, dialog: dialogName, shot: dialogShot, form = true } of dialogs) {
    await button().click();
    const dialog = page.getByRole('dialog', { name: dialogName, exact: true });
    await dialog.waitFor();
    await check(page, size, dialogShot);
    const { width, height } = size.viewport;
    if (form) {
      // a form's actions are reachable: its last button (submit) lies inside the window as it opens
      const action = await dialog.getByRole('button').last().boundingBox();
      assert.ok(
        action && action.y >= 0 && action.y + action.height <= height && action.x + action.width <= width,
        `${dialogShot}: its last button is off-screen`,
      );
    }
    if (size.key === 'phone') {
      const box = await dialog.boundingBox();
      assert.ok(
        box.width >= width - 1 && box.height >= height - 1,
        `${dialogShot} is not full-screen on a phone (${box.width}×${box.height})`,
      );
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }
}

/** On a phone the header is the menu button and the name of the portal; the menu holds the rest. */
async function phoneMenu(page, size, shot) {
  if (size.key !== 'phone') return;
  const menu = page.getByRole('banner').getByRole('button', { name: 'Menu' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).count(), 0);
  await menu.click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Sign out' }).waitFor();
  await nav.getByRole('combobox', { name: 'Language' }).waitFor();
  await nav.getByRole('button', { name: 'Sign out' }).click({ trial: true }); // on screen, nothing on top of it
  await check(page, size, shot);
  await menu.click();
  await page.waitForFunction(() => globalThis.document.querySelector('#main-navigation')?.inert === true);
}

async function customerAdministrator(page, size) {
  await screen(
    page,
    size,
    'tickets-administrator',
    async () => {
      await visit(page, '/tickets');
      await page.getByRole('table', { name: 'Tickets' }).waitFor();
    },
    [{ button: () => page.getByRole('button', { name: 'New ticket' }), dialog: 'New ticket', shot: 'new-ticket-dialog' }],
  );
  await phoneMenu(page, size, 'menu');
  await screen(page, size, 'ticket', async () => {
    await page.getByRole('table', { name: 'Tickets' }).getByRole('link').first().click();
    await page.getByRole('heading', { name: 'Conversation' }).waitFor();
  });
  await screen(
    page,
    size,
    'people-administrator',
    async () => {
      await visit(page, '/people');
      await page.getByRole('table', { name: 'Members' }).waitFor();
    },
    [
      {
        button: () => page.getByRole('button', { name: 'Invite someone' }),
        dialog: 'Invite a colleague to Northwind Holding',
        shot: 'invite-dialog',
      },
      {
        button: () => page.getByRole('button', { name: 'Change role: Bernd Keller' }),
        dialog: 'Role and capabilities of Bernd Keller',
        shot: 'role-dialog',
      },
    ],
  );
  await screen(page, size, 'sign-in-log', async () => {
    await page.getByRole('tab', { name: 'Sign-in log' }).click();
    await page.getByRole('heading', { name: 'Sign-in log' }).waitFor();
  });
  await screen(page, size, 'profile', async () => {
    await visit(page, '/profile');
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
  });
}

async function member(page, size) {
  await screen(page, size, 'tickets-member', async () => {
    await visit(page, '/tickets');
    await page.getByRole('table', { name: 'Tickets' }).waitFor();
  });
  await screen(page, size, 'people-member', async () => {
    await visit(page, '/people');
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
}

async function staffAdmin(page, size) {
  await screen(
    page,
    size,
    'staff-companies',
    async () => {
      await visit(page, '/staff/companies');
      await page.getByRole('link', { name: 'Northwind Holding', exact: true }).click();
      await page.waitForURL(/\/staff\/companies\/.+/);
      await page.getByRole('heading', { name: 'Northwind Holding', level: 2 }).waitFor();
    },
    [{ button: () => page.getByRole('button', { name: 'New company' }), dialog: 'New company', shot: 'new-company-dialog' }],
  );
  await screen(
    page,
    size,
    'staff-accounts',
    async () => {
      await visit(page, '/staff/accounts');
      await page.getByRole('table', { name: 'Accounts' }).waitFor();
    },
    [
      { button: () => page.getByRole('button', { name: 'Create account' }), dialog: 'Create account', shot: 'create-account-dialog' },
      {
        button: () => page.getByRole('button', { name: 'Details of Alice Novak' }),
        dialog: 'Account',
        shot: 'account-drawer',
        form: false,
      },
    ],
  );
  await screen(page, size, 'staff-visibility', async () => {
    await visit(page, '/staff/visibility');
    await page.getByRole('heading', { name: 'Visibility explorer', level: 1 }).waitFor();
  });
  await screen(page, size, 'staff-audit', async () => {
    await visit(page, '/staff/audit');
    await page.getByRole('table', { name: 'Audit log' }).waitFor();
  });
  await screen(page, size, 'staff-mail', async () => {
    await visit(page, '/staff/mail');
    await page.getByRole('heading', { name: 'Mail deliveries', level: 1 }).waitFor();
  });
}

/** Signs in at the desktop size, then walks the role's screens at each size. */
async function walk(browser, baseURL, email, screens) {
  // reduced motion: Mantine skips its transitions, so axe never measures a half-faded dialog
  const page = await newPage(browser, baseURL, { bypassCSP: true, reducedMotion: 'reduce' });
  await page.goto('/tickets');
  await signIn(page, email);
  await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
  for (const size of SIZES) {
    await page.setViewportSize(size.viewport);
    await screens(page, size);
  }
  await page.context().close();
}

async function signInPage(browser, baseURL) {
  const page = await newPage(browser, baseURL, { bypassCSP: true, reducedMotion: 'reduce' });
  for (const size of SIZES) {
    await page.setViewportSize(size.viewport);
    await page.goto('/signin');
    await page.getByRole('heading', { name: 'Sign in to the customer portal' }).waitFor();
    await check(page, size, 'sign-in');
  }
  await page.context().close();
}

/** A 160-character name (the limit is 200): the header keeps its height, Sign out stays clickable. */
async function longName(browser, baseURL) {
  const first = 'Maximiliana Konstantina Friederike Adelheid Theodora Wilhelmina Gracia'.padEnd(79, 'x');
  const last = 'Lee-Montgomery-Fitzgerald-Hohenzollern-Sigmaringen-Vandenberghe-Oppenheimer'.padEnd(80, 'y');
  const full = `${first} ${last}`;
  assert.equal(full.length, 160);
  const page = await newPage(browser, baseURL, { bypassCSP: true, reducedMotion: 'reduce' });
  await page.goto('/profile');
  await signIn(page, 'grace.lee@northwind.demo');
  await saveProfileName(page, first, last);
  const header = page.getByRole('banner');
  const name = header.getByRole('link', { name: `Signed in as ${full}` });
  await name.waitFor();
  await assertHeader(page, 'the profile with a long name');
  // cut short, not wrapped: the link is one line high and ends before the language switcher
  const [nameBox, languageBox] = [await name.boundingBox(), await header.getByRole('combobox', { name: 'Language' }).boundingBox()];
  assert.ok(
    nameBox.height < 30 && nameBox.x + nameBox.width <= languageBox.x,
    `the name runs into the controls: ${JSON.stringify(nameBox)}`,
  );
  // the whole name on hover, and on keyboard focus
  const tooltip = page.getByRole('tooltip').filter({ hasText: full });
  await name.hover();
  await tooltip.waitFor();
  await page.mouse.move(0, 400);
  await tooltip.waitFor({ state: 'detached' });
  await header.getByRole('link', { name: 'Skip to content' }).focus();
  await page.keyboard.press('Tab');
  await tooltip.waitFor();
  await assertAccessible(page, 'the header with a long name');
  await screenshot(page, 'responsive-long-name');
  await page.keyboard.press('Escape');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tickets' }).click();
  await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New ticket' }).click({ trial: true });
  // the phone: the name wraps inside the menu, the page stays as wide as the window
  await page.setViewportSize({ width: 390, height: 844 });
  await assertHeader(page, 'the phone with a long name');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByText(`Signed in as ${full}`).waitFor();
  await assertNoSidewaysScroll(page, 'the menu with a long name');
  await screenshot(page, 'phone-long-name');
  await page.setViewportSize({ width: 1280, height: 800 });
  // Sign out is clickable: nothing lies on top of it, and it signs out
  await header.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/signin/);
  await page.context().close();
}

export async function run({ browser, baseURL }) {
  // side by side, each in a browser context of its own
  await Promise.all([
    walk(browser, baseURL, 'alice.novak@northwind.demo', customerAdministrator),
    walk(browser, baseURL, 'admin@clientele.demo', staffAdmin),
    (async () => {
      await signInPage(browser, baseURL);
      await walk(browser, baseURL, 'quinn.adams@contoso.demo', member);
      await longName(browser, baseURL);
    })(),
  ]);
}
