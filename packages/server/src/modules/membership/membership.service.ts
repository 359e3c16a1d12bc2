import { In } from 'typeorm';
import type { RequestContext } from '../../kernel/request-context';
import { lockForUpdate } from '../../db/transactions';
import { DomainError, ErrorCode, forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf, newId } from '../../shared/ids';
import { paginate, PageArgs, PageSource } from '../../shared/pagination';
import { countEntities, selectEntities, selectEntitiesWith } from '../../db/raw-entities';
import { isStaff } from '../access/policies';
import { companyScope } from '../access/visibility';
import { AccountEntity } from '../account/account.entity';
import { AuditService, auditTarget } from '../audit/audit.service';
import { CompanyEntity } from '../company/company.entity';
import { Capability, DEFAULT_CAPABILITIES, fromBits, toBits } from './capabilities';
import { MembershipEntity, Role } from './membership.entity';
import { AddMembershipInput, UpdateMembershipInput } from './membership.input';
import { canAddMemberships, canListMembershipsOf, canManageMembershipsOf } from './membership.policy';

export const auditViewOfMembership = (m: MembershipEntity) => ({
  accountId: m.accountId,
  companyId: m.companyId,
  role: m.role,
  capabilities: fromBits(m.capabilities),
});

export class MembershipService {
  constructor(private readonly audit: AuditService) {}

  private async visibleQuery(ctx: RequestContext) {
    const query = ctx.db.getRepository(MembershipEntity).createQueryBuilder('m');
    const scope = companyScope(await ctx.grants(), 'm.company_id');
    if (scope) query.where(scope.sql, scope.params);
    return query;
  }

  /** DataLoader batch for node(id): memberships in companies the viewer sees. */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<MembershipEntity[]> {
    const scope = companyScope(await ctx.grants(), 'm.company_id');
    return selectEntities(ctx.db, MembershipEntity, 'm', [
      scope,
      { sql: 'm.id IN (:...membershipIds)', params: { membershipIds: [...ids] } },
    ]);
  }

  /**
   * DataLoader batch for Account.memberships: those in companies the viewer sees; an account
   * looking at itself does not see its memberships in companies whose portal is disabled.
   */
  async visibleOfAccounts(ctx: RequestContext, accountIds: readonly string[]): Promise<MembershipEntity[][]> {
    const query = (await this.visibleQuery(ctx)).andWhere({ accountId: In([...accountIds]) });
    if (!isStaff(ctx) && ctx.viewer) {
      query.andWhere(`(m.account_id <> :me OR EXISTS (SELECT 1 FROM company pe WHERE pe.id = m.company_id AND pe.portal_enabled = 1))`, {
        me: ctx.viewer.account.id,
      });
    }
    const rows = await query.orderBy('m.created_at').addOrderBy('m.id').getMany();
    return accountIds.map((id) => rows.filter((m) => m.accountId === id));
  }

  visibleOfAccount(ctx: RequestContext, accountId: string): Promise<MembershipEntity[]> {
    return ctx.loaders.membershipsOfAccount.load(accountId);
  }

  /** Colleagues of a company, oldest membership first. */
  async listOfCompany(ctx: RequestContext, companyId: string, args: PageArgs) {
    if (!(await canListMembershipsOf(ctx, companyId))) throw forbidden('Only members of this company can list its members');
    // hand-written SELECT and COUNT (db/raw-entities.ts): the People page and the assignee picker
    // read up to 100 a page, where TypeORM's query builder and hydration cost more than the query (issue 16, C2/C4).
    // Every client of this list shows the member, so each row brings its account, primed into the
    // loader Membership.account reads (a member of a seen company is a seen account: access-model.md).
    const ofCompany = { sql: 'm.company_id = :companyId', params: { companyId } };
    const member = { entity: AccountEntity, alias: 'ma', on: 'ma.id = m.account_id' };
    const source: PageSource<MembershipEntity> = {
      rows: async (after, orderBy, limit) => {
        const rows = await selectEntitiesWith(ctx.db, { entity: MembershipEntity, alias: 'm' }, [member], [ofCompany, after], {
          orderBy,
          limit,
        });
        return rows.map(({ entity, joined }) => {
          if (joined.ma) ctx.loaders.accountOfVisibleTicket.prime(entity.accountId, joined.ma as AccountEntity);
          return entity;
        });
      },
      count: () => countEntities(ctx.db, MembershipEntity, 'm', [ofCompany]),
    };
    return paginate(source, args, [
      { column: 'm.created_at', direction: 'ASC', valueOf: (m) => m.createdAt, isDate: true },
      { column: 'm.id', direction: 'ASC', valueOf: (m) => m.id },
    ]);
  }

  async add(ctx: RequestContext, input: AddMembershipInput): Promise<{ membership: MembershipEntity }> {
    if (!canAddMemberships(ctx)) throw forbidden('Only staff administrators add memberships directly; invite people instead');
    if (!isIdOf('Account', input.accountId)) throw invalidInput('accountId is not an account id', ['input', 'accountId']);
    if (!isIdOf('Company', input.companyId)) throw invalidInput('companyId is not a company id', ['input', 'companyId']);
    if (!(await this.findVisibleCompany(ctx, input.companyId))) throw notFound('Company', ['input', 'companyId']);
    return ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'company', 'id', [input.companyId]);
      const account = await tx.db.findOneBy(AccountEntity, { id: input.accountId });
      if (!account) throw notFound('Account', ['input', 'accountId']);
      if (account.staffRole) throw invalidInput('Staff accounts do not hold company memberships', ['input', 'accountId']);
      if (!(await tx.db.existsBy(CompanyEntity, { id: input.companyId }))) throw notFound('Company', ['input', 'companyId']);
      const membership = await this.insert(tx, account.id, input.companyId, input.role, input.capabilities ?? null);
      return { membership };
    });
  }

  /** Whether the viewer sees the company (a company-restricted token sees only its subtree). */
  private async findVisibleCompany(ctx: RequestContext, companyId: string) {
    const scope = companyScope(await ctx.grants(), 'c.id');
    const query = ctx.db.getRepository(CompanyEntity).createQueryBuilder('c').where({ id: companyId });
    if (scope) query.andWhere(scope.sql, scope.params);
    return query.getOne();
  }

  /** Inserts a membership in the caller's transaction; ALREADY_MEMBER when one exists. */
  async insert(
    tx: RequestContext,
    accountId: string,
    companyId: string,
    role: Role,
    capabilities: Capability[] | null,
  ): Promise<MembershipEntity> {
    if (await tx.db.existsBy(MembershipEntity, { accountId, companyId })) {
      throw new DomainError(ErrorCode.ALREADY_MEMBER, 'This person is already a member of the company');
    }
    const membership = tx.db.create(MembershipEntity, {
      id: newId('Membership'),
      accountId,
      companyId,
      role,
      capabilities: toBits(capabilities ?? DEFAULT_CAPABILITIES[role]),
      createdAt: new Date(),
    });
    await tx.db.insert(MembershipEntity, membership);
    await this.audit.recordChange(tx, 'membership.add', auditTarget.membership(membership), null, auditViewOfMembership(membership));
    return membership;
  }

  async update(ctx: RequestContext, input: UpdateMembershipInput): Promise<{ membership: MembershipEntity }> {
    return ctx.inTransaction(async (tx) => {
      const membership = await this.lockForChange(tx, input.id, ['input', 'id']);
      const before = auditViewOfMembership(membership);
      if (input.role != null && input.role !== membership.role && membership.role === Role.ADMINISTRATOR) {
        await this.assertNotLastAdministrator(tx, membership);
      }
      if (input.role != null) membership.role = input.role;
      if (input.capabilities != null) membership.capabilities = toBits(input.capabilities);
      await tx.db.update(MembershipEntity, { id: membership.id }, { role: membership.role, capabilities: membership.capabilities });
      await this.audit.recordChange(tx, 'membership.update', auditTarget.membership(membership), before, auditViewOfMembership(membership));
      return { membership };
    });
  }

  async remove(ctx: RequestContext, id: string): Promise<{ deletedId: string }> {
    return ctx.inTransaction(async (tx) => {
      const membership = await this.lockForChange(tx, id, ['id']);
      await this.removeLocked(tx, membership);
      return { deletedId: membership.id };
    });
  }

  /** Removes a membership whose company the caller has locked, under the last-administrator rule. */
  async removeLocked(tx: RequestContext, membership: MembershipEntity): Promise<void> {
    if (membership.role === Role.ADMINISTRATOR) await this.assertNotLastAdministrator(tx, membership);
    await tx.db.delete(MembershipEntity, { id: membership.id });
    await this.audit.recordChange(tx, 'membership.remove', auditTarget.membership(membership), auditViewOfMembership(membership));
  }

  /**
   * Locks the membership's company (all membership changes of one company serialize on it), then
   * checks the viewer's right against the state after the lock: an administrator demoted by a
   * concurrent request no longer passes.
   */
  async lockForChange(tx: RequestContext, id: string, field: string[]): Promise<MembershipEntity> {
    if (!isIdOf('Membership', id)) throw invalidInput(`${field[field.length - 1]} is not a membership id`, field);
    const found = await tx.db.findOneBy(MembershipEntity, { id });
    const visible = found && (await this.findVisibleByIds(tx, [id])).length > 0;
    if (!found || !visible) throw notFound('Membership', field);
    await lockForUpdate(tx.db, 'company', 'id', [found.companyId]);
    tx.resetCaches();
    if (!(await canManageMembershipsOf(tx, found.companyId))) throw forbidden('Only administrators of this company can change its members');
    const membership = await tx.db.findOneBy(MembershipEntity, { id });
    if (!membership) throw notFound('Membership', field);
    return membership;
  }

  /**
   * access-model.md: a customer may not demote or remove the last ADMINISTRATOR membership (of an
   * account that is not disabled) of a company. Staff may. Call with the company locked.
   */
  async assertNotLastAdministrator(tx: RequestContext, membership: MembershipEntity): Promise<void> {
    if (isStaff(tx)) return;
    const [target] = await tx.db.query(`SELECT disabled FROM account WHERE id = ?`, [membership.accountId]);
    if (!target || Number(target.disabled) === 1 || target.disabled === true) return;
    const [row] = await tx.db.query(
      `SELECT COUNT(*) AS n FROM membership m JOIN account a ON a.id = m.account_id
        WHERE m.company_id = ? AND m.role = ? AND a.disabled = 0 AND m.id <> ?`,
      [membership.companyId, Role.ADMINISTRATOR, membership.id],
    );
    if (Number(row.n) === 0) {
      throw new DomainError(
        ErrorCode.LAST_ADMINISTRATOR,
        'This is the last administrator of the company: make someone else administrator first',
      );
    }
  }
}
