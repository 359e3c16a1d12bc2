// Account security (account-security.md) in the browser: a forgotten password is reset through the
// emailed link; two-step sign-in is set up on /profile#security (the scenario computes the codes from
// the key shown as text, as an authenticator app would) and then signs in with a code and with a
// recovery code; a staff ADMIN requires two-step sign-in at a company and its member must enrol at
// the next sign-in. Accounts used nowhere else: William Turner, Xenia Ivanova, Karl Steiner.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mailedLink, newPage, notification, PASSWORD, screenshot, signedInAs, signIn } from './lib.mjs';

// the server's TOTP library: the scenario plays the authenticator app
const OTPAuth = createRequire(new URL('../../server/package.json', import.meta.url))('otpauth');

export const name = 'account security: password reset, two-step sign-in, a company requiring it';

const NEW_PASSWORD = 'a brand new password for william';

/** The code an authenticator app shows for `secret` at `timestamp`. */
const totp = (secret, timestamp = Date.now()) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp });

/** The reset link of the newest PASSWORD_RESET mail to `to` in the outbox (waits for it). */
const resetLinkFor = (outbox, to) =>
  mailedLink(outbox, to, /https?:\/\/[^\s"<>]+\/password-reset\?token=[A-Za-z0-9_%.~-]+/, { event: 'PASSWORD_RESET' });

/** Screenshots of the sign-in's second step on a desktop and on a phone. */
async function screenshotBoth(page, name) {
  await screenshot(page, name);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(size);
}

/** The enrolment's QR code and key, then its first code: returns the key and the recovery codes. */
async function enrol(page, shot) {
  await page.getByRole('img', { name: 'QR code to add this account to an authenticator app' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').textContent()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await screenshot(page, `${shot}-qr`);
  await page.getByRole('textbox', { name: /code the app now shows/ }).fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const list = page.getByRole('list', { name: 'Save your recovery codes' });
  await list.waitFor();
  const codes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
  assert.equal(codes.length, 10, `recovery codes: ${codes}`);
  await screenshot(page, `${shot}-recovery-codes`);
  await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return { secret, codes };
}

async function signOut(page) {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByText('You are signed out.').waitFor();
}

export async function run({ browser, baseURL, outbox }) {
  // (a) forgot password → the mailed link → a new password → signed in
  const william = await newPage(browser, baseURL);
  await william.goto('/signin');
  await william.getByRole('link', { name: 'Forgot password?' }).click();
  await william.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await william.getByRole('textbox', { name: 'Email' }).fill('william.turner@northwind.demo');
  await william.getByRole('button', { name: 'Send reset link' }).click();
  await william.getByText(/If an account exists for william\.turner@northwind\.demo/).waitFor();
  await screenshot(william, '15-security-reset-requested');
  const link = await resetLinkFor(outbox, 'william.turner@northwind.demo');
  assert.ok(link.startsWith(`${baseURL}/password-reset?token=`), link);
  await william.goto(link);
  await william.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await william.getByLabel(/^New password/).fill(NEW_PASSWORD);
  await william.getByLabel(/^Repeat the new password/).fill(NEW_PASSWORD);
  await screenshot(william, '15-security-reset-new-password');
  await william.getByRole('button', { name: 'Set password and sign in' }).click();
  await signedInAs(william, 'William Turner');
  await notification(william, 'Your new password is set and you are signed in.');
  await screenshot(william, '15-security-reset-signed-in');
  await william.context().close();

  // (b) two-step sign-in set up on the profile, then a code, then a recovery code
  const xenia = await newPage(browser, baseURL);
  await xenia.goto('/profile#security');
  await signIn(xenia, 'xenia.ivanova@northwind.demo');
  await signedInAs(xenia, 'Xenia Ivanova');
  await xenia.getByRole('heading', { name: 'Two-step sign-in' }).waitFor();
  await screenshot(xenia, '16-security-two-step-off');
  await xenia.getByRole('button', { name: 'Set up' }).click();
  const { secret, codes } = await enrol(xenia, '16-security-two-step');
  await xenia.getByText('You sign in with your password and a code from your authenticator app.').waitFor();
  await screenshot(xenia, '16-security-two-step-on');
  await signOut(xenia);

  await signIn(xenia, 'xenia.ivanova@northwind.demo');
  const code = xenia.getByRole('textbox', { name: 'Authentication code' });
  await code.waitFor();
  await screenshotBoth(xenia, '17-signin-second-step');
  // the enrolment spent this step's code: the next step's is within the server's window
  await code.fill(totp(secret, Date.now() + 30_000));
  await xenia.getByRole('button', { name: 'Verify' }).click();
  await signedInAs(xenia, 'Xenia Ivanova');
  await screenshot(xenia, '17-signin-second-step-signed-in');
  await signOut(xenia);

  await signIn(xenia, 'xenia.ivanova@northwind.demo');
  await xenia.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await xenia.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]);
  await screenshotBoth(xenia, '18-signin-recovery-code');
  await xenia.getByRole('button', { name: 'Verify' }).click();
  await signedInAs(xenia, 'Xenia Ivanova');
  await xenia.context().close();

  // (c) a staff ADMIN requires two-step sign-in at Northwind Retail Austria; Karl must enrol to get in
  const staff = await newPage(browser, baseURL);
  await staff.goto('/staff/companies');
  await signIn(staff, 'admin@clientele.demo');
  await staff.waitForURL(/\/staff\/companies$/);
  await staff.getByRole('button', { name: 'Expand Northwind Holding' }).click();
  await staff.getByRole('button', { name: 'Expand Northwind Retail', exact: true }).click();
  await staff.getByRole('link', { name: 'Northwind Retail Austria', exact: true }).click();
  await staff.getByRole('heading', { name: 'Northwind Retail Austria', exact: true }).waitFor();
  const required = staff.getByRole('switch', { name: 'Require two-step sign-in' });
  assert.equal(await required.isChecked(), false);
  await required.click({ force: true });
  await staff.getByRole('dialog', { name: 'Require two-step sign-in at Northwind Retail Austria?' }).waitFor();
  await staff.getByRole('button', { name: 'Require it' }).click();
  await notification(staff, 'Two-step sign-in is now required at Northwind Retail Austria.');
  assert.equal(await required.isChecked(), true);
  await screenshot(staff, '19-staff-two-step-required');
  await staff.context().close();

  const karl = await newPage(browser, baseURL);
  await karl.goto('/tickets');
  await signIn(karl, 'karl.steiner@northwind.demo', PASSWORD);
  await karl.getByRole('heading', { name: 'Set up two-step sign-in' }).waitFor();
  await karl.getByText(/Your company requires two-step sign-in/).waitFor();
  await enrol(karl, '19-signin-enrolment-required');
  // signed in, in his own language (German)
  await karl.getByText(/(Signed in as|Angemeldet als) Karl Steiner/).waitFor();
  await karl.waitForURL(/\/tickets/);
  await screenshot(karl, '19-signin-enrolment-signed-in');
  await karl.context().close();
}
