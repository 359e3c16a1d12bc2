// A ticket's conversation and who is emailed about it (conversation.md). In Contoso Dental Clinics
// (members see every company ticket) Samuel turns his emails off on /profile#notifications and a
// staff ADMIN sets Priya to "tickets they take part in"; Quinn raises a ticket and replies (with HTML
// that must stay text); Sam (staff) answers publicly and adds an internal note; Quinn sees the answer
// and never the note. The outbox then holds exactly the mails conversation.md's rule gives, computed
// from the server's own audience and levels, and no customer's mail carries the note.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { newPage, notification, PASSWORD, rowWith, screenshot, SCREENSHOTS, signedInAs, signIn } from './lib.mjs';

export const name = 'conversation: replies, internal notes, and who is emailed';

const stamp = Date.now();
const TITLE = `Chair lift in surgery 3 squeaks ${stamp}`;
const QUINN_REPLY = `It squeaks loudest in the morning ${stamp}.`;
const QUINN_HTML = '<script>document.title="pwned"</script>';
const SAM_REPLY = `We will oil it on Tuesday ${stamp}.`;
const NOTE = `INTERNAL-ONLY ${stamp}: the customer skipped the last two maintenance visits`;

/** A staff session for /graphql (bearer token), to read what only staff may: audience, levels, deliveries. */
async function staffApi(baseURL, email) {
  const call = async (query, variables = {}, token) => {
    const response = await fetch(`${baseURL}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const { signIn: s } = await call('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
    e: email,
    p: PASSWORD,
  });
  assert.ok(s.token, `no token for ${email}`);
  return (query, variables) => call(query, variables, s.token);
}

function decodeQuotedPrintable(text) {
  const bytes = Buffer.from(text.replace(/=\r?\n/g, ''), 'latin1');
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x3d && /^[0-9A-F]{2}$/i.test(bytes.toString('latin1', i + 1, i + 3))) {
      out.push(parseInt(bytes.toString('latin1', i + 1, i + 3), 16));
      i += 2;
    } else out.push(bytes[i]);
  }
  return Buffer.from(out).toString('utf8');
}

/** An .eml file: its headers and the decoded text of every part (quoted-printable or base64). */
function parseMail(raw) {
  const header = (name) => raw.match(new RegExp(`^${name}: *(.*)$`, 'mi'))?.[1].trim() ?? null;
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  const text = parts
    .map((part) => {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      const body = rest.join('\n\n');
      if (/content-transfer-encoding: *base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (/content-transfer-encoding: *quoted-printable/i.test(head)) return decodeQuotedPrintable(body);
      return part;
    })
    .join('\n');
  const to = header('To');
  return {
    to: to?.match(/<([^>]+)>/)?.[1] ?? to,
    event: header('X-Clientele-Event'),
    ticket: header('X-Clientele-Ticket'),
    text,
    raw,
  };
}

function readOutbox(outbox) {
  let files = [];
  try {
    files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return files.map((file) => ({ file, ...parseMail(readFileSync(path.join(outbox, file), 'utf8')) }));
}

/**
 * conversation.md, "Notifications": the accounts told about an event on the ticket, from the state
 * the server reports (the ticket's customer audience with grants and levels; staff with levels).
 * `earlier` are the comments before the event's own ([{ authorId, visibility }]).
 */
function recipients({ audience, staff, ticket, actorId, internal, earlier }) {
  const people = new Set([ticket.requesterId, ticket.assigneeId].filter(Boolean));
  const told = new Set();
  const participates = (id, isStaff) => people.has(id) || earlier.some((c) => c.authorId === id && (isStaff || c.visibility === 'PUBLIC'));
  for (const s of staff) {
    if (s.id === actorId || s.disabled || s.notificationLevel === 'NONE') continue;
    if (s.notificationLevel === 'ALL' || participates(s.id, true)) told.add(s.email);
  }
  if (!internal)
    for (const { account: a, grants } of audience) {
      if (a.id === actorId || a.disabled || a.notificationLevel === 'NONE') continue;
      const companyWide = grants.some((g) => g.reason === 'COMPANY_WIDE');
      if (participates(a.id, false) || (a.notificationLevel === 'ALL' && companyWide)) told.add(a.email);
    }
  return [...told].sort();
}

/** The mails about this ticket, once the outbox has sent every one of them (polls the staff API). */
async function deliveredMails(api, outbox, ticketId, expected) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { mailDeliveries } = await api(
      `query { mailDeliveries(first: 100) { edges { node { toAddress status event ticketId subject } } } }`,
    );
    const ours = mailDeliveries.edges.map((e) => e.node).filter((d) => d.ticketId === ticketId);
    const files = readOutbox(outbox).filter((m) => m.ticket === ticketId);
    if ((ours.length >= expected && ours.every((d) => d.status === 'SENT') && files.length >= ours.length) || Date.now() > deadline)
      return { deliveries: ours, files };
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function run({ browser, baseURL, outbox }) {
  // Samuel follows the email link to his settings and turns emails off
  const samuel = await newPage(browser, baseURL);
  await samuel.goto('/profile#notifications');
  await signIn(samuel, 'samuel.okafor@contoso.demo');
  await samuel.waitForURL(/\/profile#notifications$/);
  const settings = samuel.getByRole('region', { name: 'Email notifications' });
  await settings.getByRole('radio', { name: 'Every ticket of my company' }).waitFor();
  assert.equal(await settings.getByRole('radio', { name: 'Every ticket of my company' }).isChecked(), true);
  await settings.getByText('No emails').click();
  await settings.getByRole('button', { name: 'Save' }).click();
  await notification(samuel, 'Email settings saved.');
  await samuel.reload();
  await samuel.getByRole('radio', { name: 'No emails' }).waitFor();
  assert.equal(await samuel.getByRole('radio', { name: 'No emails' }).isChecked(), true);
  await samuel.context().close();

  // a staff ADMIN sets Priya to the tickets she takes part in
  const admin = await newPage(browser, baseURL);
  await admin.goto('/staff/accounts?q=priya');
  await signIn(admin, 'admin@clientele.demo');
  const priyaLevel = rowWith(admin, 'priya.shah@contoso.demo').getByRole('combobox', { name: 'Emails for Priya Shah' });
  await priyaLevel.selectOption('PARTICIPATING');
  await notification(admin, 'Emails for Priya Shah: Tickets they take part in.');
  await admin.context().close();

  // Quinn raises a ticket and replies, with HTML that must show as text
  const quinn = await newPage(browser, baseURL);
  await quinn.goto('/tickets');
  await signIn(quinn, 'quinn.adams@contoso.demo');
  // the language scenario before may have left her account in German: this one reads English
  await quinn.getByRole('button', { name: /^(Sign out|Abmelden|Odhlásiť sa)$/ }).waitFor();
  await quinn.getByRole('combobox', { name: /^(Language|Sprache|Jazyk)$/ }).selectOption('en');
  await signedInAs(quinn, 'Quinn Adams');
  await quinn.getByRole('button', { name: 'New ticket' }).click();
  const dialog = quinn.getByRole('dialog', { name: 'New ticket' });
  const company = dialog.getByRole('combobox', { name: 'Company' });
  for (let i = 0; i < 50 && (await company.inputValue()) !== 'Contoso Dental Clinics'; i++) await quinn.waitForTimeout(100);
  await dialog.getByRole('textbox', { name: 'Title' }).fill(TITLE);
  await dialog.getByRole('button', { name: 'Create ticket' }).click();
  await quinn.getByRole('heading', { name: TITLE }).waitFor();
  const ticketUrl = new URL(quinn.url());
  const ticketId = ticketUrl.pathname.split('/').pop();
  await quinn.getByText('No replies yet.').waitFor();
  // a customer writes public replies only: no choice offered
  assert.equal(await quinn.getByRole('radio', { name: /Internal note/ }).count(), 0);
  await quinn.getByRole('textbox', { name: 'Your reply' }).fill(`${QUINN_REPLY}\n\n${QUINN_HTML}\n\n**Thanks!**`);
  await quinn.getByRole('button', { name: 'Send reply' }).click();
  await notification(quinn, 'Reply sent.');
  const thread = quinn.getByRole('list', { name: 'Conversation' });
  await thread.getByText(QUINN_REPLY).waitFor();
  await thread.getByText(QUINN_HTML).waitFor(); // shown as the characters typed
  assert.equal(await thread.locator('script').count(), 0);
  assert.notEqual(await quinn.title(), 'pwned');
  assert.equal(await thread.locator('strong', { hasText: 'Thanks!' }).count(), 1);

  // Sam (staff) answers publicly, then leaves an internal note
  const sam = await newPage(browser, baseURL);
  await sam.goto(ticketUrl.pathname);
  await signIn(sam, 'sam.agent@clientele.demo');
  await sam.getByRole('heading', { name: TITLE }).waitFor();
  const samThread = sam.getByRole('list', { name: 'Conversation' });
  await samThread.getByText(QUINN_REPLY).waitFor();
  assert.equal(await sam.getByRole('radio', { name: 'Public reply — the customer sees it' }).isChecked(), true);
  await sam.getByRole('textbox', { name: 'Your reply' }).fill(SAM_REPLY);
  await sam.getByRole('button', { name: 'Send reply' }).click();
  await notification(sam, 'Reply sent.');
  await samThread.getByText(SAM_REPLY).waitFor();
  await sam.getByText('Internal note — staff only', { exact: true }).click(); // the radio's label
  await sam.getByRole('textbox', { name: 'Internal note (staff only)' }).fill(NOTE);
  await sam.getByRole('button', { name: 'Add internal note' }).click();
  await notification(sam, 'Internal note added.');
  const note = samThread.getByRole('article', { name: 'Internal note by Sam Fischer' });
  await note.getByText(NOTE).waitFor();
  await note.getByText('Internal note — staff only').waitFor();
  await sam.evaluate(() => globalThis.scrollTo(0, 0));
  await screenshot(sam, '13-conversation-staff');

  // Quinn sees the answer, never the note
  await quinn.reload();
  await thread.getByText(SAM_REPLY).waitFor();
  const quinnText = await quinn.locator('body').innerText();
  assert.ok(!quinnText.includes(NOTE), 'the customer sees the internal note');
  assert.ok(!quinnText.includes('Internal note'), 'the customer sees an internal note marker');
  assert.equal(await thread.getByRole('listitem').count(), 2);
  await quinn.getByRole('article', { name: 'Reply by Sam Fischer' }).getByText('Support').waitFor();

  // the phone: no sideways scrolling, then the screenshot
  await quinn.setViewportSize({ width: 390, height: 844 });
  await quinn.evaluate(() => globalThis.scrollTo(0, 0));
  await quinn.waitForTimeout(300);
  const overflow = await quinn.evaluate(() => globalThis.document.documentElement.scrollWidth - globalThis.innerWidth);
  assert.ok(overflow <= 0, `the ticket page scrolls sideways on a phone by ${overflow}px`);
  await screenshot(quinn, '14-conversation-phone', { readme: false });
  await quinn.setViewportSize({ width: 1280, height: 800 });

  // the mails: exactly who conversation.md says, for each of the four events
  const api = await staffApi(baseURL, 'admin@clientele.demo');
  const { ticketAudience: audience } = await api(
    `query($id: ID!) { ticketAudience(ticketId: $id) { account { id email disabled notificationLevel } grants { reason } } }`,
    { id: ticketId },
  );
  const { accounts } = await api(
    `query { accounts(first: 100, filter: { kind: STAFF, includeDisabled: true }) { edges { node { id email disabled notificationLevel } } } }`,
  );
  const staff = accounts.edges.map((e) => e.node);
  const { ticket } = await api(
    `query($id: ID!) { ticket(id: $id) { requester { id } assignee { id } comments(first: 10) { edges { node { body visibility author { id email } } } } } }`,
    { id: ticketId },
  );
  const comments = ticket.comments.edges.map((e) => ({ ...e.node, authorId: e.node.author.id }));
  assert.equal(comments.length, 3);
  const state = { audience, staff, ticket: { requesterId: ticket.requester.id, assigneeId: ticket.assignee?.id ?? null } };
  const quinnId = ticket.requester.id;
  const samId = staff.find((s) => s.email === 'sam.agent@clientele.demo').id;
  const expected = {
    created: recipients({ ...state, actorId: quinnId, internal: false, earlier: [] }),
    quinnReply: recipients({ ...state, actorId: quinnId, internal: false, earlier: [] }),
    samReply: recipients({ ...state, actorId: samId, internal: false, earlier: comments.slice(0, 1) }),
    note: recipients({ ...state, actorId: samId, internal: true, earlier: comments.slice(0, 2) }),
  };
  // what this scenario itself arranged, whatever else the demo data says
  const everyone = [...expected.created, ...expected.quinnReply, ...expected.samReply, ...expected.note];
  assert.ok(!everyone.includes('samuel.okafor@contoso.demo'), 'Samuel chose no emails');
  assert.ok(!everyone.includes('priya.shah@contoso.demo'), 'Priya takes no part in this ticket');
  assert.ok(expected.samReply.includes('quinn.adams@contoso.demo'), 'the requester hears the answer');
  assert.ok(!expected.quinnReply.includes('quinn.adams@contoso.demo'), 'nobody is told what they did themselves');
  assert.ok(
    expected.note.every((to) => staff.some((s) => s.email === to)),
    'internal notes reach staff only',
  );
  assert.ok(expected.created.includes('oliver.bennett@contoso.demo'), 'the administrator follows the company');

  const total = Object.values(expected).reduce((n, list) => n + list.length, 0);
  const { deliveries, files } = await deliveredMails(api, outbox, ticketId, total);
  const to = (list) => list.map((m) => m.to ?? m.toAddress).sort();
  const about = (text) => files.filter((m) => m.event === 'COMMENT_ADDED' && m.text.includes(text));
  assert.deepEqual(to(files.filter((m) => m.event === 'TICKET_CREATED')), expected.created, 'TICKET_CREATED');
  assert.deepEqual(to(about(QUINN_REPLY)), expected.quinnReply, "Quinn's reply");
  assert.deepEqual(to(about(SAM_REPLY)), expected.samReply, "Sam's reply");
  assert.deepEqual(to(about(NOTE)), expected.note, 'the internal note');
  assert.equal(files.length, total, `mails about the ticket: ${to(files).join(', ')}`);
  assert.deepEqual(to(deliveries), to(files), 'the outbox lists what was written');
  assert.ok(
    deliveries.every((d) => d.status === 'SENT'),
    `unsent: ${JSON.stringify(deliveries.filter((d) => d.status !== 'SENT'))}`,
  );
  // no customer's mail, about any ticket, carries the note
  const staffEmails = new Set(staff.map((s) => s.email));
  for (const mail of readOutbox(outbox))
    if (!staffEmails.has(mail.to)) assert.ok(!mail.text.includes('INTERNAL-ONLY'), `${mail.file} to ${mail.to} carries the internal note`);

  // the README's picture: the staff view of the thread, toasts hidden
  await sam.setViewportSize({ width: 1024, height: 600 });
  await sam.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  await sam.getByRole('heading', { name: /^Conversation/ }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
  await sam.waitForTimeout(200);
  await sam.screenshot({ path: path.join(SCREENSHOTS, 'readme-13-conversation-staff.png') });
  await sam.setViewportSize({ width: 1280, height: 800 });

  // staff see the same in the mail deliveries screen
  await sam.goto('/staff/mail?status=SENT');
  await sam.getByRole('heading', { name: 'Mail deliveries' }).waitFor();
  await rowWith(sam, `Internal note: ${TITLE}`).first().waitFor();
  await sam.getByText('Failed', { exact: true }).click(); // the segmented control's label
  await sam.waitForURL(/\/staff\/mail$/);
  await sam.context().close();
  await quinn.context().close();
}
