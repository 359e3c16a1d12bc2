// An administrator invites a colleague, the colleague accepts from the email and sees only what the
// access model allows; the administrator revokes the invitation and the colleague loses access.
import assert from 'node:assert/strict';
import { acceptLinkFor, choose, newPage, notification, rowWith, screenshot, signedInAs, signIn } from './lib.mjs';

export const name = 'invite, accept, revoke';

export async function run({ browser, baseURL, outbox }) {
  const admin = await newPage(browser, baseURL);
  // a deep link while signed out: sign in, then come back to it
  await admin.goto('/people');
  await admin.waitForURL(/\/signin\?next=%2Fpeople/);
  await screenshot(admin, '01-sign-in');
  await signIn(admin, 'alice.novak@northwind.demo', 'not the password');
  await admin.getByRole('alert').filter({ hasText: 'The email or password is not right' }).waitFor();
  await signIn(admin, 'alice.novak@northwind.demo');
  await admin.waitForURL(/\/people$/);
  await signedInAs(admin, 'Alice Novak');
  await admin.getByRole('heading', { name: 'People · Northwind Holding' }).waitFor();
  await rowWith(admin, 'bernd.keller@northwind.demo').waitFor();
  await screenshot(admin, '02-people-administrator', { readme: true });

  // the last administrator cannot demote herself, and the page says why
  await admin.getByRole('button', { name: 'Change role: Alice Novak' }).click();
  const roleDialog = admin.getByRole('dialog', { name: 'Role and capabilities of Alice Novak' });
  await choose(admin, 'Role', 'Member');
  await roleDialog.getByRole('button', { name: 'Save' }).click();
  await roleDialog.getByRole('alert').filter({ hasText: 'Northwind Holding needs at least one administrator' }).waitFor();
  await roleDialog.getByRole('button', { name: 'Cancel' }).click();

  // invite: inline validation first, then a real invitation
  const email = `e2e.${Date.now()}@example.test`;
  await admin.getByRole('button', { name: 'Invite someone' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Invite a colleague to Northwind Holding' });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await dialog.getByText('Enter a valid email address.').waitFor();
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Erika');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Mustermann');
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await choose(admin, 'Role', 'Member');
  await screenshot(admin, '03-invite-dialog');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await notification(admin, `Invitation sent to ${email}.`);
  await rowWith(admin, email).filter({ hasText: 'Pending' }).waitFor();

  // the colleague opens the emailed link in a browser of their own
  const link = await acceptLinkFor(outbox, email);
  const colleague = await newPage(browser, baseURL);
  await colleague.goto(link);
  await colleague.getByRole('heading', { name: 'Join Northwind Holding' }).waitFor();
  await colleague.getByText('Alice Novak invited you to Northwind Holding as Member.').waitFor();
  await colleague.getByRole('textbox', { name: 'Choose a password' }).fill('correct horse battery staple');
  await colleague.getByText('Password strength: strong').waitFor();
  await colleague.getByRole('textbox', { name: 'Repeat the password' }).fill('correct horse battery staple');
  await screenshot(colleague, '04-accept-invitation', { readme: true });
  await colleague.getByRole('button', { name: 'Accept and sign in' }).click();
  await colleague.waitForURL(/\/tickets$/);
  await signedInAs(colleague, 'Erika Mustermann');
  // a new MEMBER has raised nothing and does not see the company's tickets
  await colleague.getByText('No tickets yet.').waitFor();
  await colleague.getByText('0 tickets').waitFor();
  // colleagues are visible, read-only
  await colleague.getByRole('link', { name: 'People' }).click();
  await colleague.getByRole('heading', { name: 'People · Northwind Holding' }).waitFor();
  await colleague.getByText('You can see your colleagues; only administrators of Northwind Holding change them.').waitFor();
  await rowWith(colleague, 'alice.novak@northwind.demo').waitFor();
  assert.equal(await colleague.getByRole('button', { name: 'Invite someone' }).count(), 0);
  assert.equal(await colleague.getByRole('button', { name: /^Remove/ }).count(), 0);
  assert.equal(await colleague.getByRole('table', { name: 'Invitations' }).count(), 0);
  await screenshot(colleague, '05-people-member-read-only');
  // a member raises a ticket and sees it as their own
  await colleague.getByRole('link', { name: 'Tickets' }).click();
  await colleague.getByRole('button', { name: 'New ticket' }).click();
  const newTicket = colleague.getByRole('dialog', { name: 'New ticket' });
  // the only company she may raise tickets in, preselected once the picker has its name
  const company = newTicket.getByRole('combobox', { name: 'Company' });
  for (let i = 0; i < 50 && (await company.inputValue()) !== 'Northwind Holding'; i++) await colleague.waitForTimeout(100);
  assert.equal(await company.inputValue(), 'Northwind Holding');
  await newTicket.getByRole('textbox', { name: 'Title' }).fill('Printer on 3rd floor offline');
  await newTicket.getByRole('button', { name: 'Create ticket' }).click();
  await colleague.getByRole('heading', { name: 'Printer on 3rd floor offline' }).waitFor();
  await colleague.getByRole('button', { name: 'Close ticket' }).waitFor(); // a requester may close, not reassign
  assert.equal(await colleague.getByRole('combobox', { name: 'Assign to' }).count(), 0);
  await colleague.getByRole('link', { name: /All tickets/ }).click();
  await colleague.getByText('1 ticket', { exact: true }).waitFor();
  await colleague.getByRole('row').filter({ hasText: 'Printer on 3rd floor offline' }).getByText('own').waitFor();
  // the used link no longer works
  const again = await newPage(browser, baseURL);
  await again.goto(link);
  await again.getByText(/no longer valid/).waitFor();
  await again.context().close();

  // the administrator revokes the accepted invitation: the membership goes with it
  await admin.reload();
  const row = rowWith(admin, email).filter({ hasText: 'Accepted' });
  await row.waitFor();
  await rowWith(admin, 'Erika Mustermann').first().waitFor();
  await row.getByRole('button', { name: `Revoke: ${email}` }).click();
  // asked in the page, saying that the membership goes too (issue 17: no browser confirm())
  const asked = admin.getByRole('dialog', { name: 'Revoke the accepted invitation?' });
  await asked.getByText('The membership it created is removed too.').waitFor();
  await asked.getByRole('button', { name: 'Revoke', exact: true }).click();
  // and says what it did (issue 17, bug 3: revokeOutcome MEMBERSHIP_REMOVED)
  await notification(admin, `The invitation for ${email} was revoked, and the membership it created was removed.`);
  await rowWith(admin, email).filter({ hasText: 'Revoked' }).waitFor();

  await colleague.goto('/people');
  await colleague.getByText('You are not a member of any company yet.').waitFor();
  await colleague.getByRole('link', { name: 'Tickets' }).click();
  await colleague.getByText('0 tickets').waitFor(); // even her own ticket: no live membership in its company
  assert.equal(await colleague.getByRole('button', { name: 'New ticket' }).count(), 0);

  // sign out ends the session
  await colleague.getByRole('button', { name: 'Sign out' }).click();
  await colleague.getByText('You are signed out.').waitFor();
  await colleague.goto('/tickets');
  await colleague.waitForURL(/\/signin/);
  await admin.context().close();
  await colleague.context().close();
}
