/** The query ran past REQUEST_TIMEOUT_MS. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The request took longer than ${timeoutMs} ms and was stopped`);
  }
}

export interface Deadline {
  at: number;
  timeoutMs: number;
  /** Rejects when the deadline passes; raced against every pending top-level resolver. */
  expired: Promise<never>;
  /**
   * Transactions of the operation running now (RequestContext.inTransaction): a mutation is not
   * answered at the deadline while one runs — the transaction settles itself (rolled back, or its
   * COMMIT confirmed), so the answer never contradicts what was saved.
   */
  transactions?: number;
}

/** Keyed by the operation's context object, the one Apollo passes to every resolver. */
const deadlines = new WeakMap<object, Deadline>();

/** Set by the deadline plugin (graphql/deadline.ts) when a query or mutation starts. */
export function setDeadline(context: object, deadline: Deadline): void {
  deadlines.set(context, deadline);
}

export function deadlineOf(context: object): Deadline | undefined {
  return deadlines.get(context);
}

/**
 * Throws REQUEST_TIMEOUT when the operation of this context (a query) is past its deadline. Called
 * where a query spends its time: before each statement (the request context's `db`, which every
 * statement and DataLoader batch goes through) and by the top-level fields.
 */
export function checkDeadline(context: object): void {
  const deadline = deadlines.get(context);
  if (deadline && Date.now() >= deadline.at) throw new RequestTimeoutError(deadline.timeoutMs);
}
