import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import type { Config } from '../config';
import type { TransactionRunner } from '../db/transactions';
import { UnauthenticatedError } from '../shared/errors';
import type { AccountEntity } from '../modules/account/account.entity';
import type { ApiTokenScope } from '../modules/api-token/api-token.entity';
import { loadViewerGrants, ViewerGrants } from './viewer-grants';
import type { RateLimiter } from '../infrastructure/rate-limit/rate-limiter';
import { checkDeadline, deadlineOf, RequestTimeoutError } from './deadline';
import type { Loaders } from './loaders';

/**
 * "A disabled account can do nothing … at once" (access-model.md): the viewer was read when the
 * request began, so each transaction confirms it is still enabled (one primary-key read; no lock,
 * which would deadlock two changes of the same account that then update its row).
 */
async function assertViewerStillEnabled(manager: EntityManager, accountId: string): Promise<void> {
  const [row] = (await manager.query('SELECT disabled FROM account WHERE id = ?', [accountId])) as Array<{ disabled: unknown }>;
  if (!row || row.disabled === true || Number(row.disabled) === 1) throw new UnauthenticatedError();
}

/** The signed-in account of a request: through a session, or through a personal API token. */
export interface Viewer {
  account: AccountEntity;
  sessionId: string;
  /** Set when the request authenticated with an API token: it narrows what the account may do. */
  apiToken?: ApiTokenGrant;
}

/** A viewer with the customer grants read in the same statement (null for staff; undefined: not read yet). */
export interface SignedInViewer {
  viewer: Viewer;
  grants?: ViewerGrants | null;
}

export interface ApiTokenGrant {
  id: string;
  scopes: ReadonlySet<ApiTokenScope>;
  /** Only this company and its descendants. */
  companyId: string | null;
}

/** What the HTTP layer lets services do to the response (the SPA's session cookie). */
export interface HttpResponseHooks {
  setSessionCookie(token: string, expiresAt: Date): void;
  clearSessionCookie(): void;
}

export interface AppDeps {
  config: Config;
  /** Reads see committed data only (see Database). */
  reader: EntityManager;
  transactions: TransactionRunner;
  /** Wakes the mail outbox's worker (after a commit that wrote mails). */
  outbox: { notify(): void };
  /** Wakes the webhook outbox's worker (after a commit that wrote deliveries). */
  webhooks: { notify(): void };
  /** The per-request loaders, made by the composition root (which knows the services): the context stays a leaf. */
  loadersFor(ctx: RequestContext): Loaders;
  logger: Logger;
  limiter: RateLimiter;
  /** Seals secrets stored at rest (two-step sign-in) with SECRET_KEY (infrastructure/secrets). */
  secrets: { seal(plain: string): string; open(sealed: string): string };
}

/**
 * Per-request context, the first argument of every service method. `db` is the reading
 * manager, or the transaction's manager inside `inTransaction`.
 */
export class RequestContext {
  private grantsPromise: Promise<ViewerGrants | null> | null = null;
  private loaderSet: { owner: RequestContext; loaders: Loaders } | null = null;
  /** Inside `inTransaction`: work to do once the transaction has committed (never after a rollback). */
  private committed: Array<() => void> | null = null;
  /** Inside `inTransaction`: last statements of the transaction, run after its work and before COMMIT. */
  private committing: Map<string, () => Promise<void>> | null = null;

  constructor(
    readonly deps: AppDeps,
    public viewer: Viewer | null,
    private readonly manager: EntityManager,
    readonly requestId: string,
    readonly clientIp: string | null,
    readonly http: HttpResponseHooks | null,
    /** The client's User-Agent header (cut to 512 characters): shown in the account's sessions. */
    readonly userAgent: string | null = null,
    /** When the request arrived (epoch ms): REQUEST_TIMEOUT_MS counts from here, the session lookup included. */
    readonly receivedAt: number = Date.now(),
  ) {}

  /**
   * Per-request batch loaders, bound to this very object. Apollo runs each operation on a shallow
   * clone of the context: loaders made for the original would read the original's grants, a second
   * time and possibly from another moment than the clone's.
   */
  get loaders(): Loaders {
    if (this.loaderSet?.owner !== this) this.loaderSet = { owner: this, loaders: this.deps.loadersFor(this) };
    return this.loaderSet.loaders;
  }

  /** The manager for this request's statements; past a query's deadline, none starts (REQUEST_TIMEOUT). */
  get db(): EntityManager {
    checkDeadline(this);
    return this.manager;
  }

  get isStaff(): boolean {
    return this.viewer?.account.staffRole != null;
  }

  /**
   * The viewer's customer grants (null for staff, who see everything), read once per request
   * and per transaction.
   */
  grants(): Promise<ViewerGrants | null> {
    if (!this.grantsPromise) {
      const account = this.viewer?.account;
      // an API token restricted to a company narrows every scope to that company's subtree
      const restriction = this.viewer?.apiToken?.companyId ?? null;
      if (!account) {
        this.grantsPromise = Promise.resolve(new ViewerGrants('', [])); // sees nothing
      } else if (account.staffRole) {
        this.grantsPromise = Promise.resolve(restriction ? new ViewerGrants(account.id, [], restriction, true) : null);
      } else {
        this.grantsPromise = loadViewerGrants(this.db, account.id, restriction);
      }
    }
    return this.grantsPromise;
  }

  /** Grants already read with the viewer (same request, same moment): the first `grants()` needs no statement. */
  useGrants(grants: ViewerGrants | null): void {
    this.grantsPromise = Promise.resolve(grants);
  }

  /** A context over a transaction: reads in it see its own writes; caches start empty. */
  private withManager(manager: EntityManager, viewer: Viewer | null = this.viewer): RequestContext {
    return new RequestContext(this.deps, viewer, manager, this.requestId, this.clientIp, this.http, this.userAgent, this.receivedAt);
  }

  /**
   * Runs one unit of work in one transaction; afterwards this request's caches are dropped. The
   * transaction may run more than once (a deadlock or Galera certification conflict makes it run
   * again, src/db/transactions.ts): `work` does database work only, and anything else after the
   * commit (`afterCommit`). Past the request's deadline it is rolled back and fails with REQUEST_TIMEOUT.
   */
  async inTransaction<T>(work: (tx: RequestContext) => Promise<T>): Promise<T> {
    const afterCommit: Array<() => void> = [];
    const beforeCommit = new Map<string, () => Promise<void>>();
    const deadline = deadlineOf(this);
    if (deadline) deadline.transactions = (deadline.transactions ?? 0) + 1;
    try {
      const result = await this.deps.transactions.run(
        async (manager) => {
          afterCommit.length = 0; // a retried attempt starts over
          beforeCommit.clear();
          const tx = this.withManager(manager);
          tx.committed = afterCommit;
          tx.committing = beforeCommit;
          if (tx.viewer) await assertViewerStillEnabled(manager, tx.viewer.account.id);
          const result = await work(tx);
          for (const step of beforeCommit.values()) await step();
          return result;
        },
        deadline ? { deadlineAt: deadline.at, deadlineError: () => new RequestTimeoutError(deadline.timeoutMs) } : {},
      );
      for (const callback of afterCommit) callback();
      return result;
    } finally {
      if (deadline) deadline.transactions! -= 1;
      this.resetCaches();
    }
  }

  /** Runs `callback` after this context's transaction commits (at once outside a transaction); a rollback drops it. */
  afterCommit(callback: () => void): void {
    if (this.committed) this.committed.push(callback);
    else callback();
  }

  /**
   * Runs `step` as the last work of this context's transaction, right before its COMMIT (once per
   * `key`: a later step with the same key replaces the earlier). Only inside `inTransaction`.
   */
  beforeCommit(key: string, step: () => Promise<void>): void {
    if (!this.committing) throw new Error('beforeCommit outside a transaction');
    this.committing.set(key, step);
  }

  /** Same context for another viewer (after sign-in or invitation acceptance). */
  as(viewer: Viewer): RequestContext {
    return this.withManager(this.manager, viewer);
  }

  /** After sign-in or invitation acceptance, the rest of the request (the payload) is the new viewer's. */
  signedInAs(viewer: Viewer): void {
    this.viewer = viewer;
    this.resetCaches();
  }

  resetCaches(): void {
    this.grantsPromise = null;
    this.loaderSet = null;
  }
}
