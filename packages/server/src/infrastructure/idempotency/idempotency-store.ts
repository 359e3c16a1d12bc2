import type { EntityManager } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import type { TransactionRunner } from '../../db/transactions';
import { execute, sqlTime } from '../outbox/outbox-sql';

/** How long a key and its answer are kept (integration.md "Idempotent writes"). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** The answer stored for a key: what the first request's client got (its body sealed by the caller). */
export interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export type Claim =
  /** This request holds the key: run it, then `complete` or `release` with this claim. */
  | { kind: 'claimed'; claim: KeyClaim }
  /** The same request finished before: answer what it answered. */
  | { kind: 'done'; response: StoredResponse }
  /** The same request is running now (another connection, another process). */
  | { kind: 'in-progress' }
  /** The key was used for another request body. */
  | { kind: 'mismatch' };

/** Which key, and which taking of it (a key abandoned and taken over is another claim). */
export interface KeyClaim {
  accountId: string;
  key: string;
  claimedAt: string;
}

const TABLE = 'idempotency_key';

function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

interface Row {
  request_hash: string;
  state: string;
  response_status: number | string | null;
  response_content_type: string | null;
  response_body: string | null;
  created_at: Date | string;
}

/**
 * Keys of Idempotency-Key, per account: a row is IN_PROGRESS while its first request runs, DONE
 * with the answer afterwards, and gone when that request ended without a definite answer (so a retry
 * runs again). Writes go through the transaction runner (on SQLite the one writing connection is
 * shared with other requests' transactions); waiting reads use the committed-data reader.
 */
export class IdempotencyStore {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly reader: EntityManager,
    /**
     * An IN_PROGRESS row older than this belongs to a request that cannot still be running (its
     * process died, or storing its answer failed): a retry takes the key over and runs again.
     */
    private readonly abandonedAfterMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Takes the key for this request, or tells what became of the request that took it. */
  async claim(accountId: string, key: string, requestHash: string): Promise<Claim> {
    for (;;) {
      const now = this.now();
      const claimedAt = sqlTime(now);
      const claimed = await this.transactions.run(async (db) => {
        try {
          await db.query(
            `INSERT INTO ${TABLE} (account_id, idempotency_key, request_hash, state, created_at) VALUES (?, ?, ?, 'IN_PROGRESS', ?)`,
            [accountId, key, requestHash, claimedAt],
          );
          return true;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        // expired, or abandoned by a request that is no longer running: taken over as if new
        const expired = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
        const abandoned = new Date(now.getTime() - this.abandonedAfterMs);
        const changed = await execute(
          db,
          `UPDATE ${TABLE} SET request_hash = ?, state = 'IN_PROGRESS', response_status = NULL, response_content_type = NULL,
             response_body = NULL, created_at = ?
           WHERE account_id = ? AND idempotency_key = ? AND (created_at < ? OR (state = 'IN_PROGRESS' AND created_at < ?))`,
          [requestHash, claimedAt, accountId, key, sqlTime(expired), sqlTime(abandoned)],
        );
        return changed === 1;
      });
      if (claimed) return { kind: 'claimed', claim: { accountId, key, claimedAt } };
      const row = await this.read(accountId, key);
      if (!row) continue; // released in the meantime: try again
      if (row.request_hash !== requestHash) return { kind: 'mismatch' };
      if (row.state !== 'DONE') return { kind: 'in-progress' };
      return {
        kind: 'done',
        response: { status: Number(row.response_status), contentType: row.response_content_type, body: row.response_body ?? '' },
      };
    }
  }

  /** The state of a key now (committed data): null when absent. */
  async read(accountId: string, key: string): Promise<Row | null> {
    const rows = (await this.reader.query(
      `SELECT request_hash, state, response_status, response_content_type, response_body, created_at FROM ${TABLE}
       WHERE account_id = ? AND idempotency_key = ?`,
      [accountId, key],
    )) as Row[];
    return rows[0] ?? null;
  }

  /** Stores the answer of the request that claimed the key. */
  async complete(claim: KeyClaim, response: StoredResponse): Promise<void> {
    await this.transactions.run((db) =>
      execute(
        db,
        `UPDATE ${TABLE} SET state = 'DONE', response_status = ?, response_content_type = ?, response_body = ?
         WHERE account_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS' AND created_at = ?`,
        [response.status, response.contentType, response.body, claim.accountId, claim.key, claim.claimedAt],
      ),
    );
  }

  /** The request that claimed the key ended without a definite answer: forget it, so a retry runs again. */
  async release(claim: KeyClaim): Promise<void> {
    await this.transactions.run((db) =>
      execute(db, `DELETE FROM ${TABLE} WHERE account_id = ? AND idempotency_key = ? AND state = 'IN_PROGRESS' AND created_at = ?`, [
        claim.accountId,
        claim.key,
        claim.claimedAt,
      ]),
    );
  }

  /** Deletes keys older than 24 hours (housekeeping; a DELETE by age, safe in every process). */
  async prune(): Promise<number> {
    const cutoff = new Date(this.now().getTime() - IDEMPOTENCY_TTL_MS);
    return this.transactions.run((db) => execute(db, `DELETE FROM ${TABLE} WHERE created_at < ?`, [sqlTime(cutoff)]));
  }
}
