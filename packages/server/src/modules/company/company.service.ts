import type { EntityManager } from 'typeorm';
import { columnsOf, countEntities, hydrate, selectEntities, selectRows } from '../../db/raw-entities';
import type { RequestContext } from '../../kernel/request-context';
import { conflict, forbidden, invalidInput, notFound, DomainError, ErrorCode } from '../../shared/errors';
import { COMPANY_NAME_INDEX, companyNameKey, companyParentKey } from '../../shared/company-name';
import { isUniqueViolationOf } from '../../db/unique-violation';
import { isIdOf, newId } from '../../shared/ids';
import { paginate, PageArgs, type PageSource } from '../../shared/pagination';
import type { SqlCondition } from '../../shared/sql-condition';
import { containsPattern, likeSql } from '../../shared/search';
import { cleanName } from '../../shared/validation';
import { lockForUpdate } from '../../db/transactions';
import { companyScope, wideCompanyScope } from '../access/visibility';
import { isCompanyRestricted } from '../api-token/api-token.policy';
import { AuditService, auditTarget } from '../audit/audit.service';
import { CompanyEntity } from './company.entity';
import { CompanyFilter, CreateCompanyInput, UpdateCompanyInput } from './company.input';
import { canManageCompanies, canUpdateCompany } from './company.policy';
import { insertIntoTree, isInSubtree, lockCompanyTree, moveInTree, treeRootOf } from './company-tree';

/** A company as the audit log keeps it; `parentName` as it was then, so the log reads without ids (staff only). */
const auditView = (c: CompanyEntity, parentName?: string | null) => ({
  name: c.name,
  parentId: c.parentId,
  ...(parentName === undefined ? {} : { parentName }),
  portalEnabled: c.portalEnabled,
  membersSeeCompanyTickets: c.membersSeeCompanyTickets,
  subsidiaryTicketsVisible: c.subsidiaryTicketsVisible,
  shareTicketsWithFamily: c.shareTicketsWithFamily,
  twoFactorRequired: c.twoFactorRequired,
});

async function companyNameOf(db: EntityManager, id: string | null): Promise<string | null> {
  if (id === null) return null;
  return (await db.findOne(CompanyEntity, { where: { id }, select: { id: true, name: true } }))?.name ?? null;
}

/**
 * Runs a write that sets a company's name or parent: a sibling of the same name (shared/company-name.ts),
 * found by the unique index (so also when two requests race), is CONFLICT at `field`.
 */
async function uniqueAmongSiblings<T>(write: Promise<T>, name: string, parentId: string | null, field: string[]): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!isUniqueViolationOf(error, 'company', COMPANY_NAME_INDEX, ['parent_key', 'name_key'])) throw error;
    const where = parentId ? 'under this parent company' : 'among the independent companies';
    throw conflict(`A company named "${name}" already exists ${where}`, field);
  }
}

export class CompanyService {
  constructor(private readonly audit: AuditService) {}

  /** DataLoader batch: companies the viewer sees among `ids`. */
  async findVisibleByIds(ctx: RequestContext, ids: readonly string[]): Promise<CompanyEntity[]> {
    const scope = companyScope(await ctx.grants(), 'c.id');
    return selectEntities(ctx.db, CompanyEntity, 'c', [scope, { sql: 'c.id IN (:...companyIds)', params: { companyIds: [...ids] } }]);
  }

  async findVisible(ctx: RequestContext, id: string): Promise<CompanyEntity | null> {
    if (!isIdOf('Company', id)) return null;
    return ctx.loaders.company.load(id);
  }

  /** A company the viewer sees, or NOT_FOUND at `field` (never revealing that a hidden one exists). */
  async requireVisible(ctx: RequestContext, id: string, field: string[]): Promise<CompanyEntity> {
    if (!isIdOf('Company', id)) throw invalidInput(`${field[field.length - 1]} is not a company id`, field);
    const company = await this.findVisible(ctx, id);
    if (!company) throw notFound('Company', field);
    return company;
  }

  async list(ctx: RequestContext, args: PageArgs & { filter?: CompanyFilter | null }) {
    const grants = await ctx.grants();
    const pattern = containsPattern(args.filter?.search, ['filter', 'search']);
    const topLevel = args.filter?.topLevel;
    let levelCondition: SqlCondition | null = null;
    if (topLevel != null) {
      // the parent's visibility is the same scope again, on c.parent_id (staff: no condition, so only the roots)
      const parentSeen = companyScope(grants, 'c.parent_id');
      const hasSeenParent = parentSeen ? `(c.parent_id IS NOT NULL AND ${parentSeen.sql})` : 'c.parent_id IS NOT NULL';
      levelCondition = { sql: topLevel ? `NOT ${hasSeenParent}` : hasSeenParent, params: parentSeen?.params ?? {} };
    }
    const outside = args.filter?.outsideSubtreeOf;
    // a hidden company's subtree is nobody's business: NOT_FOUND, as for any company the viewer does not see
    if (outside != null) await this.requireVisible(ctx, outside, ['filter', 'outsideSubtreeOf']);
    // the company's closure rows (depth 0 included) name it and all its descendants
    const outsideCondition: SqlCondition | null =
      outside == null
        ? null
        : {
            sql: 'NOT EXISTS (SELECT 1 FROM company_closure sub WHERE sub.ancestor_id = :outsideOf AND sub.descendant_id = c.id)',
            params: { outsideOf: outside },
          };
    // hand-written SELECT and COUNT (db/raw-entities.ts): the company tree page reads its roots here (issue 16, C3)
    const conditions = [
      companyScope(grants, 'c.id'),
      pattern === null ? null : { sql: likeSql('c.name', 'search'), params: { search: pattern } },
      levelCondition,
      outsideCondition,
    ];
    const source: PageSource<CompanyEntity> = {
      rows: (after, orderBy, limit) => selectEntities(ctx.db, CompanyEntity, 'c', [...conditions, after], { orderBy, limit }),
      count: () => countEntities(ctx.db, CompanyEntity, 'c', conditions),
    };
    return paginate(source, args, [
      { column: 'c.name', direction: 'ASC', valueOf: (c) => c.name },
      { column: 'c.id', direction: 'ASC', valueOf: (c) => c.id },
    ]);
  }

  /** DataLoader batch: visible children of each company, by name. */
  async visibleChildrenOf(ctx: RequestContext, parentIds: readonly string[]): Promise<CompanyEntity[][]> {
    const children = await selectEntities(
      ctx.db,
      CompanyEntity,
      'c',
      [companyScope(await ctx.grants(), 'c.id'), { sql: 'c.parent_id IN (:...parentIds)', params: { parentIds: [...parentIds] } }],
      { orderBy: 'c.name, c.id' },
    );
    return parentIds.map((id) => children.filter((c) => c.parentId === id));
  }

  /** DataLoader batch: for each id, whether the viewer sees that company's tickets as a whole (staff: always). */
  async seenWhole(ctx: RequestContext, ids: readonly string[]): Promise<boolean[]> {
    const scope = wideCompanyScope(await ctx.grants(), 'c.id');
    if (!scope) return ids.map(() => true);
    const rows = await selectRows(ctx.db, 'SELECT c.id AS id FROM company c', [
      { sql: 'c.id IN (:...seenWholeIds)', params: { seenWholeIds: [...ids] } },
      scope,
    ]);
    const seen = new Set(rows.map((r) => String(r.id)));
    return ids.map((id) => seen.has(id));
  }

  /**
   * DataLoader batch: the ancestors of each company that the viewer sees, root first. One query:
   * the closure rows above the companies, joined with the ancestors through the company scope.
   */
  async visiblePathsOf(ctx: RequestContext, ids: readonly string[]): Promise<CompanyEntity[][]> {
    const rows = await selectRows(
      ctx.db,
      `SELECT ${columnsOf(ctx.db, CompanyEntity, 'c')}, path.descendant_id AS path_of FROM company c INNER JOIN company_closure path ON path.ancestor_id = c.id`,
      [
        { sql: 'path.descendant_id IN (:...pathOf) AND path.depth > 0', params: { pathOf: [...ids] } },
        companyScope(await ctx.grants(), 'c.id'),
      ],
      { orderBy: 'path.depth DESC' },
    );
    const byId = new Map<string, CompanyEntity>();
    const paths = new Map(ids.map((id) => [id, [] as CompanyEntity[]]));
    for (const row of rows) {
      const id = String(row.c_id);
      let company = byId.get(id);
      if (!company) byId.set(id, (company = hydrate(ctx.db, CompanyEntity, 'c', row)));
      paths.get(String(row.path_of))?.push(company);
    }
    return ids.map((id) => paths.get(id)!);
  }

  async create(ctx: RequestContext, input: CreateCompanyInput): Promise<{ company: CompanyEntity }> {
    if (!canManageCompanies(ctx)) throw forbidden('Only staff administrators can create companies');
    const parentId = input.parentId ?? null;
    if (parentId !== null && !isIdOf('Company', parentId)) throw invalidInput('parentId is not a company id', ['input', 'parentId']);
    // a company-restricted token creates only inside its subtree
    if (isCompanyRestricted(ctx)) {
      if (parentId === null) throw forbidden('This API token is restricted to one company and cannot create independent companies');
      await this.requireVisible(ctx, parentId, ['input', 'parentId']);
    }
    return ctx.inTransaction(async (tx) => {
      const id = newId('Company');
      let rootId = id;
      if (parentId) {
        await lockCompanyTree(tx.db);
        const parentRoot = await treeRootOf(tx.db, parentId);
        if (!parentRoot) throw notFound('Parent company', ['input', 'parentId']);
        rootId = parentRoot;
      }
      const now = new Date();
      const s = input.settings ?? {};
      const company = tx.db.create(CompanyEntity, {
        id,
        name: cleanName(input.name),
        parentId,
        rootId,
        portalEnabled: s.portalEnabled ?? true,
        membersSeeCompanyTickets: s.membersSeeCompanyTickets ?? false,
        subsidiaryTicketsVisible: s.subsidiaryTicketsVisible ?? false,
        shareTicketsWithFamily: s.shareTicketsWithFamily ?? false,
        twoFactorRequired: s.twoFactorRequired ?? false,
        createdAt: now,
        updatedAt: now,
      });
      company.parentKey = companyParentKey(parentId);
      company.nameKey = companyNameKey(company.name);
      await uniqueAmongSiblings(tx.db.insert(CompanyEntity, company), company.name, parentId, ['input', 'name']);
      await insertIntoTree(tx.db, company.id, parentId);
      const parentName = await companyNameOf(tx.db, parentId);
      await this.audit.recordChange(tx, 'company.create', auditTarget.company(company.id), null, auditView(company, parentName));
      return { company };
    });
  }

  async update(ctx: RequestContext, input: UpdateCompanyInput): Promise<{ company: CompanyEntity }> {
    await this.requireVisible(ctx, input.id, ['input', 'id']);
    if (!(await canUpdateCompany(ctx, input.id, input))) {
      throw forbidden('Only staff administrators can change this; company administrators may change only membersSeeCompanyTickets');
    }
    return ctx.inTransaction(async (tx) => {
      await lockForUpdate(tx.db, 'company', 'id', [input.id]);
      const company = await tx.db.findOneByOrFail(CompanyEntity, { id: input.id });
      const before = auditView(company);
      if (input.name != null) {
        company.name = cleanName(input.name);
        company.nameKey = companyNameKey(company.name);
      }
      const s = input.settings ?? {};
      if (s.portalEnabled != null) company.portalEnabled = s.portalEnabled;
      if (s.membersSeeCompanyTickets != null) company.membersSeeCompanyTickets = s.membersSeeCompanyTickets;
      if (s.subsidiaryTicketsVisible != null) company.subsidiaryTicketsVisible = s.subsidiaryTicketsVisible;
      if (s.shareTicketsWithFamily != null) company.shareTicketsWithFamily = s.shareTicketsWithFamily;
      if (s.twoFactorRequired != null) company.twoFactorRequired = s.twoFactorRequired;
      company.updatedAt = new Date();
      await uniqueAmongSiblings(tx.db.save(CompanyEntity, company), company.name, company.parentId, ['input', 'name']);
      await this.audit.recordChange(tx, 'company.update', auditTarget.company(company.id), before, auditView(company));
      return { company };
    });
  }

  /** Moves a company (with its subtree) under another parent, or makes it a root. */
  async move(ctx: RequestContext, id: string, parentId: string | null): Promise<{ company: CompanyEntity }> {
    if (!canManageCompanies(ctx)) throw forbidden('Only staff administrators can move companies');
    if (!isIdOf('Company', id)) throw invalidInput('id is not a company id', ['id']);
    if (parentId !== null && !isIdOf('Company', parentId)) throw invalidInput('parentId is not a company id', ['parentId']);
    if (isCompanyRestricted(ctx)) {
      if (parentId === null) throw forbidden('This API token is restricted to one company and cannot make a company independent');
      await this.requireVisible(ctx, id, ['id']);
      await this.requireVisible(ctx, parentId, ['parentId']);
    }
    return ctx.inTransaction(async (tx) => {
      await lockCompanyTree(tx.db);
      const company = await tx.db.findOneBy(CompanyEntity, { id });
      if (!company) throw notFound('Company', ['id']);
      if (parentId !== null) {
        if (!(await tx.db.existsBy(CompanyEntity, { id: parentId }))) throw notFound('Parent company', ['parentId']);
        if (await isInSubtree(tx.db, id, parentId)) {
          throw new DomainError(ErrorCode.CYCLE, 'A company cannot move under itself or one of its own subsidiaries', ['parentId']);
        }
      }
      const before = auditView(company, await companyNameOf(tx.db, company.parentId));
      if (company.parentId !== parentId) {
        company.rootId = await moveInTree(tx.db, id, parentId);
        company.parentId = parentId;
        company.updatedAt = new Date();
        await uniqueAmongSiblings(
          tx.db.update(CompanyEntity, { id }, { parentId, parentKey: companyParentKey(parentId), updatedAt: company.updatedAt }),
          company.name,
          parentId,
          ['parentId'],
        );
      }
      const after = auditView(company, company.parentId === before.parentId ? before.parentName : await companyNameOf(tx.db, parentId));
      await this.audit.recordChange(tx, 'company.move', auditTarget.company(id), before, after);
      return { company };
    });
  }
}
