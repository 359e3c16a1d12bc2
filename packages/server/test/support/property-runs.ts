/**
 * Shared by the property tests that compare what the API does in random worlds with what the
 * reference model (test/reference-model.ts) says (access/visibility.property.test.ts,
 * conversation/notifications.property.test.ts): the number of runs and the replay of a reported
 * failure, each run on an empty database, the server log of unexpected errors, and the comparison
 * with readable labels. The worlds themselves: ./property-worlds.ts.
 */
import fc from 'fast-check';
import pino from 'pino';
import type { TestApp } from './test-app';

// ---------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------

/** Runs of a property: the first of the environment variables `names` that is set, else 200. */
export function propertyRuns(...names: string[]): number {
  return Number(names.map((name) => process.env[name]).find((value) => value !== undefined) ?? 200);
}

/** Replays a reported failure: PROPERTY_SEED=<seed> PROPERTY_PATH=<path> */
export const REPLAY: { seed?: number; path?: string } = {
  ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}),
  ...(process.env.PROPERTY_PATH ? { path: process.env.PROPERTY_PATH } : {}),
};

/** Time for all runs of one property. */
export const PROPERTY_TIMEOUT = 30 * 60_000;

/**
 * Checks `check` for `numRuns` random specs of `arb` (or the replayed one), each on an empty
 * database, so that a leak of any row of any earlier state would show, and with an empty server log.
 */
export async function assertWorlds<S>(t: TestApp, arb: fc.Arbitrary<S>, numRuns: number, check: (spec: S) => Promise<void>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arb, async (spec) => {
      await wipe(t);
      serverErrors.length = 0;
      await check(spec);
    }),
    { numRuns, ...REPLAY },
  );
}

/** Deletes every row, children before parents (the company forest is cut first). */
async function wipe(t: TestApp): Promise<void> {
  await t.app.deps.transactions.run(async (db) => {
    for (const table of [
      'webhook_attempt',
      'webhook_delivery',
      'webhook',
      'outbox_message',
      'ticket_comment',
      'ticket_status_change',
      'ticket',
      'invitation',
      'membership',
      'session',
      'api_token',
      'audit_event',
      'company_closure',
    ]) {
      await db.query(`DELETE FROM ${table}`);
    }
    await db.query(`UPDATE company SET parent_id = NULL`);
    await db.query(`DELETE FROM company`);
    await db.query(`DELETE FROM account`);
  });
}

// ---------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------

/** The last unexpected errors the server logged in this run (responses only carry a correlation id). */
export const serverErrors: string[] = [];
/** The logger of the app under test: keeps the last five warnings and errors for failure messages. */
export const serverLogger = pino(
  { level: 'warn' },
  {
    write(line: string) {
      serverErrors.push(line);
      if (serverErrors.length > 5) serverErrors.shift();
    },
  },
);

/** A built world's readable names for failure messages (C0, U1, T3, ...), by id. */
export interface Labelled {
  label: ReadonlyMap<string, string>;
}

/** Asserts equality of two values shown with readable labels; `what` names the comparison. */
export function same(b: Labelled, what: string, actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return; // fast path: expect() is costly at this volume
  if (serverErrors.length > 0) what += `\nserver log:\n${serverErrors.join('')}`;
  const name = (text: string) => text.replace(/\b[a-z]{3}_[0-9a-f]{32}\b/g, (id) => b.label.get(id) ?? id);
  // undefined (not JSON) stays undefined: it differs from null
  const readable = (v: unknown): unknown =>
    v === undefined ? v : JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'string' ? name(x) : x)));
  expect({ what: name(what), value: readable(actual) }).toEqual({ what: name(what), value: readable(expected) });
}

export const sortedIds = (ids: Iterable<string>) => [...ids].sort();

/** Grants as a sorted list of "REASON@viaCompanyId" */
export const grantKeys = (grants: Array<{ reason: string; via: string }>) => grants.map((g) => `${g.reason}@${g.via}`).sort();
