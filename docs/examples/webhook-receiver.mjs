// A Clientele webhook receiver in plain Node.js 18+ (no dependencies; docs/api.md, "Webhooks"):
// checks X-Clientele-Signature against the raw body, answers 204 at once, then handles the event.
// Run: WEBHOOK_SECRET=<the secret createWebhook returned> PORT=8080 node webhook-receiver.mjs
// (behind your HTTPS proxy: Clientele delivers only to https:// URLs unless its operator allows http).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.WEBHOOK_SECRET;
if (!secret) {
  console.error('Set WEBHOOK_SECRET to the secret createWebhook returned');
  process.exit(2);
}
const port = Number(process.env.PORT ?? 8080);
/** Delivery ids already handled: a delivery arrives at least once, and a retry repeats its id. Keep them in your database. */
const handled = new Set();

/** `sha256=<hex HMAC-SHA256 of the raw body with the secret>`, compared in constant time. */
function signedBySecret(rawBody, header) {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(typeof header === 'string' ? header : '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function handle({ event, occurredAt, ticket, comment }) {
  // your work here: update your copy of the ticket, open an issue, notify someone, ...
  const what = comment ? `comment ${comment.id} (${comment.visibility})` : `${ticket.status} ${JSON.stringify(ticket.title)}`;
  console.log(`${occurredAt} ${event} ${ticket.id} ${what}`);
}

createServer((req, res) => {
  if (req.method !== 'POST') return res.writeHead(405, { allow: 'POST' }).end();
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 1024 * 1024)
      req.destroy(); // deliveries are small; refuse anything huge
    else chunks.push(chunk);
  });
  req.on('end', () => {
    const rawBody = Buffer.concat(chunks); // verify these bytes, before parsing them
    if (!signedBySecret(rawBody, req.headers['x-clientele-signature'])) {
      console.error(`refused a request without a valid signature from ${req.socket.remoteAddress}`);
      return res.writeHead(401).end();
    }
    const delivery = JSON.parse(rawBody.toString('utf8'));
    res.writeHead(204).end(); // any 2xx within 10 s is success: answer first, work after
    if (handled.has(delivery.id)) return;
    handled.add(delivery.id);
    handle(delivery);
  });
}).listen(port, () => console.log(`listening on port ${port}`));
