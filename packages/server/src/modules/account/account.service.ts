import { IsNull } from 'typeorm';
import type { Config } from '../../config';
import { selectEntities } from '../../db/raw-entities';
import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { conflict, forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf, newId } from '../../shared/ids';
import { paginate, PageArgs } from '../../shared/pagination';
import { containsPattern, likeSql } from '../../shared/search';
import { cleanName, normalizeEmail, normalizeLanguage, PASSWORD_MAX, PASSWORD_MIN } from '../../shared/validation';
import { accountScope } from '../access/visibility';
import { ApiTokenEntity } from '../api-token/api-token.entity';
import { assertNotCompanyRestricted } from '../api-token/api-token.policy';
import { AuditService, auditTarget } from '../audit/audit.service';
import { SessionEntity } from '../auth/session.entity';
import { CompanyEntity } from '../company/company.entity';
import { Role } from '../membership/membership.entity';
import type { MembershipService } from '../membership/membership.service';
import { issueAccountSetupLink } from '../password/account-setup';
import { AccountEntity, StaffRole } from './account.entity';
import { AccountFilter, AccountKind, CreateAccountInput, UpdateViewerInput } from './account.input';
import { canCreateAccounts, canDisableAccounts, canUpdateOwnProfile } from './account.policy';
import { hashPassword } from './password';

export function checkPassword(password: string, field: string[]): void {
  if (password.length < PASSWORD_MIN) throw invalidInput(`The password needs at least ${PASSWORD_MIN} characters`, field);
  if (password.length > PASSWORD_MAX) throw invalidInput(`The password may have at most ${PASSWORD_MAX} characters`, field);
}

/** What the audit log keeps of an account (never the password hash). */
export const auditViewOfAccount = (a: AccountEntity) => ({
  email: a.email,
  firstName: a.firstName,
  lastName: a.lastName,
  language: a.language,
  staffRole: a.staffRole,
  disabled: a.disabled,
});

export interface NewAccount {
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  /** Hashed before the transaction starts: hashing is slow and must not hold locks. Null: no password yet. */
  passwordHash: string | null;
  staffRole: StaffRole | null;
}

export class AccountService {
  constructor(
    private readonly config: Pick<Config, 'publicUrl'>,
    private readonly audit: AuditService,
    private readonly memberships: MembershipService,
  ) {}

  private async visibleQuery(ctx: RequestContext) {
    const query = ctx.db.getRepository(AccountEntity).createQueryBuilder('a');
    const scope = accountScope(await ctx.grants(), 'a');
    if (scope) query.where(scope.sql, scope.params);
    return query;
  }

  /** Accounts the viewer sees, by id (DataLoader batch); the others are simply absent. */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<AccountEntity[]> {
    const scope = accountScope(await ctx.grants(), 'a');
    return selectEntities(ctx.db, AccountEntity, 'a', [scope, { sql: 'a.id IN (:...accountIds)', params: { accountIds: [...ids] } }]);
  }

  /**
   * Accounts the viewer sees (the scope node(id) uses), by last name, first name, then id;
   * case-insensitive on both databases (migration 1764160000000, index ix_account_name).
   */
  async list(ctx: RequestContext, args: PageArgs & { filter?: AccountFilter | null }) {
    const query = await this.visibleQuery(ctx);
    const filter = args.filter ?? {};
    const pattern = containsPattern(filter.search, ['filter', 'search']);
    if (pattern !== null) {
      query.andWhere(
        `(${[
          likeSql('a.email_normalized', 'search'),
          likeSql('a.first_name', 'search'),
          likeSql('a.last_name', 'search'),
          likeSql(`CONCAT(a.first_name, ' ', a.last_name)`, 'search'),
        ].join(' OR ')})`,
        { search: pattern },
      );
    }
    if (filter.kind === AccountKind.STAFF) query.andWhere('a.staff_role IS NOT NULL');
    if (filter.kind === AccountKind.CUSTOMER) query.andWhere('a.staff_role IS NULL');
    if (filter.includeDisabled === false) query.andWhere('a.disabled = 0');
    return paginate(query, args, [
      { column: 'a.last_name', direction: 'ASC', valueOf: (a) => a.lastName },
      { column: 'a.first_name', direction: 'ASC', valueOf: (a) => a.firstName },
      { column: 'a.id', direction: 'ASC', valueOf: (a) => a.id },
    ]);
  }

  async findVisible(ctx: RequestContext, id: string): Promise<AccountEntity | null> {
    if (!isIdOf('Account', id)) return null;
    return ctx.loaders.account.load(id);
  }

  findByEmail(ctx: RequestContext, email: string): Promise<AccountEntity | null> {
    return ctx.db.findOneBy(AccountEntity, { emailNormalized: normalizeEmail(email) });
  }

  /**
   * Staff ADMIN: an account, for a customer optionally with its first membership, in one
   * transaction. Without a password the person is mailed a set-password link (the staff member
   * never knows the password); with one, nothing is mailed.
   */
  async create(ctx: RequestContext, input: CreateAccountInput): Promise<{ account: AccountEntity }> {
    if (!canCreateAccounts(ctx)) throw forbidden('Only staff administrators can create accounts');
    assertNotCompanyRestricted(ctx);
    const password = input.password ?? null;
    if (password !== null) checkPassword(password, ['input', 'password']);
    const companyId = input.companyId ?? null;
    if (companyId === null && input.role != null) throw invalidInput('A role needs a company (companyId)', ['input', 'role']);
    if (companyId !== null) {
      if (input.staffRole) throw invalidInput('Staff accounts do not hold company memberships', ['input', 'companyId']);
      if (!isIdOf('Company', companyId)) throw invalidInput('companyId is not a company id', ['input', 'companyId']);
    }
    const passwordHash = password === null ? null : await hashPassword(password);
    return ctx.inTransaction(async (tx) => {
      if (companyId !== null) {
        // as addMembership: the company's membership changes serialize on its row
        await lockForUpdate(tx.db, 'company', 'id', [companyId]);
        if (!(await tx.db.existsBy(CompanyEntity, { id: companyId }))) throw notFound('Company', ['input', 'companyId']);
      }
      const account = await this.insert(tx, {
        email: input.email,
        firstName: input.firstName,
        lastName: input.lastName,
        language: normalizeLanguage(input.language ?? 'en'),
        passwordHash,
        staffRole: input.staffRole ?? null,
      });
      await this.audit.recordChange(tx, 'account.create', auditTarget.account(account.id), null, {
        ...auditViewOfAccount(account),
        setPasswordLinkMailed: passwordHash === null,
      });
      if (companyId !== null) await this.memberships.insert(tx, account.id, companyId, input.role ?? Role.MEMBER, null);
      if (passwordHash === null) await issueAccountSetupLink(tx, this.config.publicUrl, account);
      return { account };
    });
  }

  /** Inserts an account inside the caller's transaction; CONFLICT when the email is taken. */
  async insert(tx: RequestContext, data: NewAccount): Promise<AccountEntity> {
    const emailNormalized = normalizeEmail(data.email);
    if (await tx.db.existsBy(AccountEntity, { emailNormalized })) {
      throw conflict('An account with this email already exists', ['input', 'email']);
    }
    const account = tx.db.create(AccountEntity, {
      id: newId('Account'),
      email: data.email.trim(),
      emailNormalized,
      firstName: cleanName(data.firstName),
      lastName: cleanName(data.lastName),
      language: data.language.trim(),
      staffRole: data.staffRole,
      disabled: false,
      passwordHash: data.passwordHash,
      createdAt: new Date(),
    });
    await tx.db.insert(AccountEntity, account);
    return account;
  }

  /**
   * The signed-in account changes its own names and language (from a session only: see
   * canUpdateOwnProfile). Not audited: the audit log records access changes, and these fields
   * decide no access.
   */
  async updateViewer(ctx: RequestContext, input: UpdateViewerInput): Promise<{ account: AccountEntity }> {
    if (!canUpdateOwnProfile(ctx)) throw forbidden('Your profile is changed from a signed-in session, not with an API token');
    const changes: Partial<Pick<AccountEntity, 'firstName' | 'lastName' | 'language' | 'notificationLevel'>> = {};
    if (input.firstName != null) changes.firstName = cleanName(input.firstName);
    if (input.lastName != null) changes.lastName = cleanName(input.lastName);
    if (input.language != null) changes.language = normalizeLanguage(input.language);
    if (input.notificationLevel != null) changes.notificationLevel = input.notificationLevel;
    if (Object.keys(changes).length === 0)
      throw invalidInput('Give at least one of firstName, lastName, language and notificationLevel', ['input']);
    const id = ctx.viewer!.account.id;
    const account = await ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'account', 'id', [id]);
      await tx.db.update(AccountEntity, { id }, changes);
      return tx.db.findOneByOrFail(AccountEntity, { id });
    });
    // the rest of this request (a `viewer` field after the mutation) sees the new values
    Object.assign(ctx.viewer!.account, changes);
    return { account };
  }

  /**
   * Disabling ends every session of the account and revokes its API tokens, for good: enabling it
   * again revives neither (access-model.md, account-security.md).
   */
  async setDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<{ account: AccountEntity }> {
    if (!canDisableAccounts(ctx)) throw forbidden('Only staff administrators can disable accounts');
    assertNotCompanyRestricted(ctx);
    if (!isIdOf('Account', id)) throw invalidInput('id is not an account id', ['id']);
    if (disabled && id === ctx.viewer!.account.id) throw invalidInput('You cannot disable your own account', ['id']);
    return ctx.inTransaction(async (tx) => {
      const account = await tx.db.findOneBy(AccountEntity, { id });
      if (!account) throw notFound('Account', ['id']);
      const before = auditViewOfAccount(account);
      account.disabled = disabled;
      await tx.db.update(AccountEntity, { id }, { disabled });
      if (disabled) {
        await tx.db.delete(SessionEntity, { accountId: id });
        await tx.db.update(ApiTokenEntity, { accountId: id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      await this.audit.recordChange(
        tx,
        disabled ? 'account.disable' : 'account.enable',
        auditTarget.account(id),
        before,
        auditViewOfAccount(account),
      );
      return { account };
    });
  }
}
