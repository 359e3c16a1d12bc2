import argon2 from 'argon2';
import os from 'node:os';
import type { EntityManager } from 'typeorm';
import { AccountEntity } from './account.entity';

/** The account with this normalized email, with its password hash (which ordinary reads leave out). */
export function findAccountWithPasswordHash(db: EntityManager, emailNormalized: string): Promise<AccountEntity | null> {
  return db.createQueryBuilder(AccountEntity, 'a').addSelect('a.passwordHash').where({ emailNormalized }).getOne();
}

/** OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane. Runs on libuv's pool, off the event loop. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/**
 * One hash keeps a core busy for ~100 ms. At most this many run at once, so a burst of sign-ins
 * leaves a core to the requests of everyone else (docs/decisions.md "Performance"); the others wait.
 */
const MAX_CONCURRENT_HASHES = Math.max(1, os.availableParallelism() - 1);
let running = 0;
const waiting: Array<() => void> = [];

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running < MAX_CONCURRENT_HASHES) running++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over by the one finishing
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return withHashingSlot(() => argon2.hash(password, OPTIONS));
}

let dummyHash: Promise<string> | null = null;

/**
 * Verifies a password. With no hash (null: unknown email, account without password) it still
 * spends one verification, so response times do not tell which emails exist. `undefined` means the
 * hash was never read (an ordinary account read leaves it out): a programming error, not a refusal.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (hash === undefined) throw new Error('password hash not read: load the account with findAccountWithPasswordHash');
  if (!hash) {
    dummyHash ??= hashPassword('clientele-timing-equalizer');
    const dummy = await dummyHash;
    await withHashingSlot(() => argon2.verify(dummy, password)).catch(() => false);
    return false;
  }
  return withHashingSlot(() => argon2.verify(hash, password)).catch(() => false);
}
