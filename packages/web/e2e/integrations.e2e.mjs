// Issue 15 in the browser, at 1280×800 and 390×844: a customer administrator opens Integrations from
// the navigation, creates an API token (its secret shown once) and uses it; creates a webhook aimed
// at a receiver on this machine (the e2e server allows http and loopback receivers) and sees a
// signed delivery arrive for a ticket raised with the token, and then in the deliveries list.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { assertAccessible, assertNoSidewaysScroll, newPage, screenshot, signIn } from './lib.mjs';

export const name = 'integrations: an API token and a webhook with a signed delivery, at desktop and phone size';

/** A webhook receiver on 127.0.0.1: keeps each delivery's headers and raw body. */
async function receiver() {
  const deliveries = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/clientele`, deliveries, close: () => server.close() };
}

async function waitUntil(check, what, timeoutMs = 20_000) {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) if (check()) return;
  throw new Error(`timed out waiting for ${what}`);
}

export async function run({ browser, baseURL }) {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const phone = viewport.width < 700;
    const prefix = phone ? 'phone-' : '';
    const hook = await receiver();
    // axe-core is injected as a script: the page's CSP is bypassed for it; no animation half-way when it measures
    const page = await newPage(browser, baseURL, { viewport, bypassCSP: true, reducedMotion: 'reduce' });
    try {
      await page.goto('/tickets');
      await signIn(page, 'alice.novak@northwind.demo');
      await page.waitForURL(/\/tickets$/);
      if (phone) await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Integrations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
      await assertAccessible(page, `${prefix}integrations`);
      await assertNoSidewaysScroll(page, `${prefix}integrations`);

      // an API token that may read and write tickets; its secret once
      await page.getByRole('button', { name: 'New API token' }).click();
      const tokenDialog = page.getByRole('dialog', { name: 'New API token' });
      await tokenDialog.getByRole('textbox', { name: 'Name' }).fill(`Helpdesk sync ${viewport.width}`);
      await tokenDialog.getByRole('checkbox', { name: 'Create and change tickets' }).check();
      await assertAccessible(page, `${prefix}new-api-token-dialog`);
      await tokenDialog.getByRole('button', { name: 'New API token' }).click();
      const secret = (await page.getByTestId('secret-once').innerText()).trim();
      assert.match(secret, /^cltl_/, 'the API token is shown once');
      await screenshot(page, `${prefix}integrations-api-token`);
      await page.getByRole('button', { name: 'I have stored it' }).click();
      const api = (query, variables = {}) =>
        fetch(`${baseURL}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ query, variables }),
        }).then((r) => r.json());
      const me = await api('{ viewer { email } }');
      assert.equal(me.data?.viewer?.email, 'alice.novak@northwind.demo', JSON.stringify(me));

      // a webhook to the local receiver, for new tickets only
      await page.getByRole('button', { name: 'New webhook' }).click();
      const hookDialog = page.getByRole('dialog', { name: 'New webhook' });
      await hookDialog.getByRole('textbox', { name: 'Receiver URL' }).fill(hook.url);
      await hookDialog.getByRole('checkbox', { name: /Ticket changed/ }).uncheck();
      await hookDialog.getByRole('checkbox', { name: 'Comment added' }).uncheck();
      await assertAccessible(page, `${prefix}new-webhook-dialog`);
      await hookDialog.getByRole('button', { name: 'New webhook' }).click();
      const signingSecret = (await page.getByTestId('secret-once').innerText()).trim();
      assert.ok(signingSecret.length >= 20, 'the signing secret is shown once');
      await page.getByRole('button', { name: 'I have stored it' }).click();
      await page.getByRole('listitem').filter({ hasText: hook.url }).waitFor();

      // a ticket raised with the token: one delivery, signed with the secret
      // the company's id as the SPA's own session reads it (the token may only touch tickets)
      const companies = await (
        await page.request.post('/graphql', { data: { query: '{ viewer { memberships { company { id name } } } }' } })
      ).json();
      const holding = companies.data.viewer.memberships.map((m) => m.company).find((c) => c.name === 'Northwind Holding');
      const title = `Printer on floor ${viewport.width} jams`;
      const created = await api(
        'mutation($input: CreateTicketInput!) { createTicket(input: $input) { ticket { id } userErrors { message } } }',
        {
          input: { companyId: holding.id, title },
        },
      );
      const ticketId = created.data?.createTicket?.ticket?.id;
      assert.ok(ticketId, JSON.stringify(created));
      await waitUntil(() => hook.deliveries.some((d) => d.body.includes(ticketId)), 'the webhook delivery');
      const delivery = hook.deliveries.find((d) => d.body.includes(ticketId));
      const expected = `sha256=${createHmac('sha256', signingSecret).update(delivery.body).digest('hex')}`;
      assert.equal(delivery.headers['x-clientele-signature'], expected, 'signed with the secret shown once');
      assert.equal(delivery.headers['x-clientele-event'], 'TICKET_CREATED');
      const payload = JSON.parse(delivery.body);
      assert.equal(payload.event, 'TICKET_CREATED');
      assert.equal(payload.ticket.title, title);
      assert.equal(payload.id, delivery.headers['x-clientele-delivery']);

      // the delivery in the list, with its answer
      const item = page.getByRole('listitem').filter({ hasText: hook.url });
      await item.getByRole('button', { name: `Deliveries of the webhook to ${hook.url}` }).click();
      await item.getByRole('row').filter({ hasText: 'Ticket created' }).filter({ hasText: '204' }).waitFor();
      await assertAccessible(page, `${prefix}webhook-deliveries`);
      await assertNoSidewaysScroll(page, `${prefix}webhook-deliveries`);
      await screenshot(page, `${prefix}integrations-webhook-deliveries`);
    } finally {
      hook.close();
      await page.context().close();
    }
  }
}
