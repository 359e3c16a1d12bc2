import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../kernel/request-context';
import { countEntities, selectEntities } from '../../db/raw-entities';
import { forbidden } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { paginate, PageArgs, type PageSource } from '../../shared/pagination';
import { SignInEventEntity } from './sign-in-event.entity';
import { canReadSignInLogOf } from './sign-in-log.policy';

/** How long the log keeps an event (account-security.md). */
export const SIGN_IN_LOG_DAYS = 30;

/** One attempt as the log records it. */
export interface SignInAttempt {
  accountId: string | null;
  email: string;
  succeeded: boolean;
  secondFactorUsed: boolean;
}

/** Writes one event with the caller's manager (in the sign-in's transaction, or its own for a failure). */
export async function recordSignIn(ctx: RequestContext, attempt: SignInAttempt): Promise<void> {
  await ctx.db.insert(SignInEventEntity, {
    id: newId('SignInEvent'),
    accountId: attempt.accountId,
    email: attempt.email.trim().slice(0, 254),
    clientAddress: ctx.clientIp?.slice(0, 64) ?? null,
    userAgent: ctx.userAgent,
    succeeded: attempt.succeeded,
    secondFactorUsed: attempt.secondFactorUsed,
    createdAt: new Date(),
  });
}

/** Deletes what is older than the log keeps; returns how many rows went. */
export async function pruneSignInLog(db: EntityManager, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - SIGN_IN_LOG_DAYS * 86_400_000);
  const result = await db.createQueryBuilder().delete().from(SignInEventEntity).where('created_at < :cutoff', { cutoff }).execute();
  return result.affected ?? 0;
}

export class SignInLogService {
  /** Company.signInEvents: the last 30 days of the company's members, newest first. */
  async listOfCompany(ctx: RequestContext, companyId: string, args: PageArgs) {
    if (!(await canReadSignInLogOf(ctx, companyId))) throw forbidden("Only staff and the company's administrators read its sign-in log");
    const since = new Date(Date.now() - SIGN_IN_LOG_DAYS * 86_400_000);
    const conditions = [
      { sql: 'e.account_id IN (SELECT m.account_id FROM membership m WHERE m.company_id = :companyId)', params: { companyId } },
      { sql: 'e.created_at > :since', params: { since } },
    ];
    const source: PageSource<SignInEventEntity> = {
      rows: (after, orderBy, limit) => selectEntities(ctx.db, SignInEventEntity, 'e', [...conditions, after], { orderBy, limit }),
      count: () => countEntities(ctx.db, SignInEventEntity, 'e', conditions),
    };
    return paginate(source, args, [
      { column: 'e.created_at', direction: 'DESC', valueOf: (e) => e.createdAt, isDate: true },
      { column: 'e.id', direction: 'DESC', valueOf: (e) => e.id },
    ]);
  }
}
