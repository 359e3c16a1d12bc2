export { IDEMPOTENCY_TTL_MS, IdempotencyStore } from './idempotency-store';
export type { Claim, KeyClaim, StoredResponse } from './idempotency-store';
