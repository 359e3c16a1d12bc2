import { EntityManager } from 'typeorm';
import type { RequestContext, Viewer } from '../../kernel/request-context';
import { ignoreConflict, lockForUpdate, TransactionRunner } from '../../db/transactions';
import { forbidden, invalidInput, notFound, conflict, type TokenRejection } from '../../shared/errors';
import { isIdOf, newId } from '../../shared/ids';
import { hashToken, newSecretToken } from '../../shared/tokens';
import { cleanName } from '../../shared/validation';
import { AccountEntity } from '../account/account.entity';
import { AuditService, auditTarget } from '../audit/audit.service';
import { CompanyService } from '../company/company.service';
import { ApiTokenEntity, ApiTokenScope } from './api-token.entity';
import { CreateApiTokenInput } from './api-token.input';
import { canListTokensOf, canManageTokensOf, hasSession } from './api-token.policy';

/** Prefix of every secret, so secret scanners can recognise leaked Clientele tokens. */
export const API_TOKEN_PREFIX = 'cltl_';
const TOUCH_INTERVAL_MS = 60_000;

const auditView = (t: ApiTokenEntity) => ({
  name: t.name,
  scopes: t.scopes.split(','),
  companyId: t.companyId,
  expiresAt: t.expiresAt?.toISOString() ?? null,
});

export class ApiTokenService {
  constructor(
    private readonly audit: AuditService,
    private readonly companies: CompanyService,
  ) {}

  async create(ctx: RequestContext, input: CreateApiTokenInput): Promise<{ token: string; apiToken: ApiTokenEntity }> {
    if (!hasSession(ctx)) throw forbidden('API tokens are managed from a signed-in session, not with another token');
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now())
      throw invalidInput('expiresAt must be in the future', ['input', 'expiresAt']);
    // a restriction must name a company the account sees: a token never widens anything
    if (input.companyId) await this.companies.requireVisible(ctx, input.companyId, ['input', 'companyId']);
    const secret = `${API_TOKEN_PREFIX}${newSecretToken()}`;
    const apiToken: ApiTokenEntity = {
      id: newId('ApiToken'),
      accountId: ctx.viewer!.account.id,
      name: cleanName(input.name),
      scopes: [...new Set(input.scopes)].sort().join(','),
      companyId: input.companyId ?? null,
      tokenPrefix: secret.slice(0, 12),
      tokenHash: hashToken(secret),
      createdAt: new Date(),
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
    };
    return ctx.inTransaction(async (tx) => {
      await this.assertUnderLiveTokenCap(tx, apiToken.accountId, apiToken.createdAt);
      await tx.db.insert(ApiTokenEntity, apiToken);
      await this.audit.recordChange(tx, 'api_token.create', auditTarget.apiToken(apiToken), null, auditView(apiToken));
      return { token: secret, apiToken };
    });
  }

  /**
   * An account holds at most API_TOKENS_PER_ACCOUNT live (not revoked, not expired) tokens: more
   * would only multiply what a leaked session could mint. The account row is locked first, so
   * concurrent creations of one account count one after the other (SQLite: transactions are serial).
   */
  private async assertUnderLiveTokenCap(tx: RequestContext, accountId: string, now: Date): Promise<void> {
    const cap = tx.deps.config.apiTokensPerAccount;
    await lockForUpdate(tx.db, 'account', 'id', [accountId]);
    const live = await tx.db
      .createQueryBuilder(ApiTokenEntity, 't')
      .where('t.account_id = :accountId', { accountId })
      .andWhere('t.revoked_at IS NULL')
      .andWhere('(t.expires_at IS NULL OR t.expires_at > :now)', { now })
      .getCount();
    if (live >= cap) throw conflict(`This account already has ${live} live API tokens, the most it may have (${cap}); revoke one first`);
  }

  async revoke(ctx: RequestContext, id: string): Promise<{ apiToken: ApiTokenEntity }> {
    if (!isIdOf('ApiToken', id)) throw invalidInput('id is not an API token id', ['id']);
    return ctx.inTransaction(async (tx) => {
      const apiToken = await tx.db.findOneBy(ApiTokenEntity, { id });
      if (!apiToken || !canListTokensOf(tx, apiToken.accountId)) throw notFound('API token', ['id']);
      if (!canManageTokensOf(tx, apiToken.accountId))
        throw forbidden('API tokens are managed from a signed-in session, not with another token');
      if (apiToken.revokedAt) throw conflict('This token is already revoked', ['id']);
      apiToken.revokedAt = new Date();
      await tx.db.update(ApiTokenEntity, { id }, { revokedAt: apiToken.revokedAt });
      await this.audit.recordChange(tx, 'api_token.revoke', auditTarget.apiToken(apiToken), auditView(apiToken));
      return { apiToken };
    });
  }

  /** Account.apiTokens: the account itself or staff; newest first. */
  async listOfAccount(ctx: RequestContext, accountId: string): Promise<ApiTokenEntity[]> {
    if (!canListTokensOf(ctx, accountId))
      throw forbidden('Only the account itself (from a session, or a token with TOKENS_READ) or a staff ADMIN can list its API tokens');
    return ctx.db.find(ApiTokenEntity, { where: { accountId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /**
   * The viewer behind an API token, or why the token is refused: unknown (TOKEN_INVALID), revoked or
   * its account disabled (TOKEN_REVOKED), expired (TOKEN_EXPIRED) — checked on every request, so
   * revoking or disabling stops the token at once. Found by the hash of the token presented: a
   * reason only ever describes that token.
   */
  async resolveViewer(reader: EntityManager, transactions: TransactionRunner, secret: string): Promise<Viewer | TokenRejection> {
    const token = (await reader
      .createQueryBuilder(ApiTokenEntity, 't')
      .innerJoinAndMapOne('t.account', AccountEntity, 'a', 'a.id = t.account_id')
      .where('t.token_hash = :hash', { hash: hashToken(secret) })
      .getOne()) as (ApiTokenEntity & { account: AccountEntity }) | null;
    const now = Date.now();
    if (!token) return 'TOKEN_INVALID';
    if (token.revokedAt || token.account.disabled) return 'TOKEN_REVOKED';
    if (token.expiresAt && token.expiresAt.getTime() <= now) return 'TOKEN_EXPIRED';
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      // best effort: a touch that keeps colliding (Galera) must not fail the request it serves
      await transactions.run((db) => db.update(ApiTokenEntity, { id: token.id }, { lastUsedAt: new Date(now) })).catch(ignoreConflict);
    }
    return {
      account: token.account,
      sessionId: '',
      apiToken: { id: token.id, scopes: new Set(token.scopes.split(',') as ApiTokenScope[]), companyId: token.companyId },
    };
  }
}
