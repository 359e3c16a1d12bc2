import type { Config } from '../../config';
import type { RequestContext } from '../../kernel/request-context';
import { selectEntities } from '../../db/raw-entities';
import { forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf } from '../../shared/ids';
import { AuditService, auditTarget } from '../audit/audit.service';
import { SessionEntity } from './session.entity';
import { canManageSessionsOf } from './session.policy';
import type { Session } from './session.type';

/** An account's sessions: listed, ended one by one, or all at once (account-security.md "Sessions and tokens"). */
export class SessionService {
  constructor(
    private readonly config: Pick<Config, 'session'>,
    private readonly audit: AuditService,
  ) {}

  /** Account.sessions: the live ones, newest first; null for anyone but the account itself and a staff ADMIN. */
  async liveOf(ctx: RequestContext, accountId: string): Promise<Session[] | null> {
    if (!canManageSessionsOf(ctx, accountId)) return null;
    const now = Date.now();
    const idleSince = new Date(now - this.config.session.idleMinutes * 60_000);
    const rows = await selectEntities(
      ctx.db,
      SessionEntity,
      's',
      [
        { sql: 's.account_id = :accountId', params: { accountId } },
        { sql: 's.expires_at > :now AND s.last_seen_at > :idleSince', params: { now: new Date(now), idleSince } },
      ],
      { orderBy: 's.created_at DESC, s.id DESC' },
    );
    const currentId = ctx.viewer?.sessionId;
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      userAgent: s.userAgent,
      clientAddress: s.clientAddress,
      current: s.id === currentId,
    }));
  }

  /** Ends one session: the viewer's own, or any for a staff ADMIN; NOT_FOUND for anything else. */
  async revoke(ctx: RequestContext, id: string): Promise<{ ok: boolean }> {
    if (!isIdOf('Session', id)) throw invalidInput('id is not a session id', ['id']);
    if (!ctx.viewer || ctx.viewer.apiToken) throw forbidden('Sessions are managed from a signed-in session, not with an API token');
    const ended = await ctx.inTransaction(async (tx) => {
      const session = await tx.db.findOneBy(SessionEntity, { id });
      // another account's session is "not found" unless the viewer may manage it: its id reveals nothing
      if (!session || !canManageSessionsOf(tx, session.accountId)) throw notFound('Session', ['id']);
      await tx.db.delete(SessionEntity, { id });
      await this.audit.recordChange(tx, 'auth.session_revoke', auditTarget.account(session.accountId), { sessionId: id });
      return session;
    });
    if (ended.id === ctx.viewer.sessionId) ctx.http?.clearSessionCookie();
    return { ok: true };
  }

  /** Ends every session of an account (the viewer's own by default, the current one included). */
  async endAll(ctx: RequestContext, accountId: string | null): Promise<{ ok: boolean }> {
    if (!ctx.viewer || ctx.viewer.apiToken) throw forbidden('Sessions are managed from a signed-in session, not with an API token');
    const target = accountId ?? ctx.viewer.account.id;
    if (!isIdOf('Account', target)) throw invalidInput('accountId is not an account id', ['accountId']);
    if (!canManageSessionsOf(ctx, target)) throw forbidden("Only a staff ADMIN can end another account's sessions");
    await ctx.inTransaction(async (tx) => {
      const { affected } = await tx.db.delete(SessionEntity, { accountId: target });
      await this.audit.recordChange(tx, 'auth.sign_out_everywhere', auditTarget.account(target), { sessions: affected ?? 0 });
    });
    if (target === ctx.viewer.account.id) ctx.http?.clearSessionCookie();
    return { ok: true };
  }
}
