import type { RequestContext } from '../../kernel/request-context';
import { forbidden, invalidInput, notFound } from '../../shared/errors';
import { isIdOf } from '../../shared/ids';
import { canReadVisibilityOf } from '../account/account.policy';
import { Role } from '../membership/membership.entity';
import { TicketEntity } from '../ticket/ticket.entity';
import { AccessReason, Grant } from './access.type';
import { isStaff } from './policies';
import { assertNotCompanyRestricted } from '../api-token/api-token.policy';
import { MEMBERSHIP_GRANT_COLUMNS, MembershipGrantRow, ViewerGrants, viewerGrantsFromRows } from '../../kernel/viewer-grants';
import type { EntityManager } from 'typeorm';
import { CAPABILITY_BIT } from '../membership/capabilities';
import { sqlBoolean } from '../../shared/sql-values';

export const WIDE_REASONS: ReadonlySet<AccessReason> = new Set([AccessReason.COMPANY_WIDE, AccessReason.SUBSIDIARY, AccessReason.FAMILY]);

interface Row {
  [column: string]: string | number | boolean | null;
}

/** The ancestors of a company (strictly above it) with their distance; one index range. */
async function ancestorsOf(ctx: RequestContext, companyId: string): Promise<Map<string, number>> {
  const rows: Row[] = await ctx.db.query(`SELECT ancestor_id, depth FROM company_closure WHERE descendant_id = ? AND depth > 0`, [
    companyId,
  ]);
  return new Map(rows.map((r) => [String(r.ancestor_id), Number(r.depth)]));
}

function pushGrant(grants: Grant[], reason: AccessReason, viaCompanyId: string) {
  if (!grants.some((g) => g.reason === reason && g.viaCompanyId === viaCompanyId)) grants.push({ reason, viaCompanyId });
}

/**
 * Explains visibility: the grants behind a ticket for one viewer, everyone who sees a ticket,
 * everything an account sees as a whole. The SQL scopes (visibility.ts) decide visibility; these
 * compute the reasons from the same ViewerGrants / the same rules.
 */
export class AccessService {
  /** The viewer's grants on a ticket it sees (customers; staff have none, they see everything). */
  async viewerGrantsOn(ctx: RequestContext, ticket: TicketEntity): Promise<Grant[]> {
    const g = await ctx.grants();
    if (!g || g.isStaff) return [];
    return grantsOfAccount(g, ticket, ancestryFromTree(g, ticket) ?? (await ancestorsOf(ctx, ticket.companyId)));
  }

  /**
   * viewerGrantsOn for list fields (Ticket.viewerAccess, viewerCan): from the grants the request
   * already read and the ticket's `GRANT_READS` alone when its tree root tells all the ancestry they
   * need (see `ancestryFromTree`); otherwise the ancestors come through a per-request DataLoader, so
   * a page of tickets costs one closure query, not one per ticket.
   */
  async viewerGrantsOnBatched(ctx: RequestContext, ticket: TicketGrantFacts): Promise<Grant[]> {
    if (isStaff(ctx)) return [];
    const g = await ctx.grants();
    if (!g) return [];
    const ancestry = ancestryFromTree(g, ticket) ?? (await ctx.loaders.ancestorsOfCompany.load(ticket.companyId));
    return grantsOfAccount(g, ticket, ancestry);
  }

  /** DataLoader batch: the ancestors (strictly above) of each company, with their distance. */
  async ancestorsOfCompanies(ctx: RequestContext, companyIds: readonly string[]): Promise<Array<Map<string, number>>> {
    const rows: Row[] = await ctx.db.query(
      `SELECT descendant_id, ancestor_id, depth FROM company_closure WHERE descendant_id IN (${companyIds.map(() => '?').join(',')}) AND depth > 0`,
      [...companyIds],
    );
    const byCompany = new Map(companyIds.map((id) => [id, new Map<string, number>()]));
    for (const r of rows) byCompany.get(String(r.descendant_id))?.set(String(r.ancestor_id), Number(r.depth));
    return companyIds.map((id) => byCompany.get(id)!);
  }

  /** Every customer account that sees the ticket, with every (reason, via) pair. Staff only. */
  async ticketAudience(ctx: RequestContext, ticketId: string): Promise<Array<{ accountId: string; grants: Grant[] }>> {
    if (!isStaff(ctx)) throw forbidden('Only staff can list who sees a ticket');
    assertNotCompanyRestricted(ctx);
    if (!isIdOf('Ticket', ticketId)) throw invalidInput('ticketId is not a ticket id', ['ticketId']);
    const ticket = await ctx.db.findOneBy(TicketEntity, { id: ticketId });
    if (!ticket) throw notFound('Ticket', ['ticketId']);
    return audienceOf(ctx.db, ticket);
  }

  /**
   * Every company whose tickets the account sees as a whole (COMPANY_WIDE, SUBSIDIARY, FAMILY),
   * with every grant. Staff, or the account itself.
   */
  async accountVisibility(ctx: RequestContext, accountId: string): Promise<Array<{ companyId: string; grants: Grant[] }>> {
    if (!isIdOf('Account', accountId)) throw invalidInput('accountId is not an account id', ['accountId']);
    if (!canReadVisibilityOf(ctx, accountId)) throw forbidden('Only staff or the account itself can read its visibility');
    assertNotCompanyRestricted(ctx);
    const rows: Row[] = await ctx.db.query(
      `SELECT m.company_id, c.parent_id, m.role, c.members_see_company_tickets, c.subsidiary_tickets_visible, c.share_tickets_with_family
         FROM membership m JOIN company c ON c.id = m.company_id JOIN account a ON a.id = m.account_id
        WHERE m.account_id = ? AND a.disabled = 0 AND a.staff_role IS NULL AND c.portal_enabled = 1 AND (m.capabilities & ${CAPABILITY_BIT.TICKETS}) <> 0`,
      [accountId],
    );
    const wide = rows.filter((r) => r.role !== Role.MEMBER || sqlBoolean(r.members_see_company_tickets));
    const byCompany = new Map<string, Grant[]>();
    const grant = (companyId: string, reason: AccessReason, via: string) => {
      const grants = byCompany.get(companyId) ?? [];
      pushGrant(grants, reason, via);
      byCompany.set(companyId, grants);
    };
    const subsidiaryRoots = wide.filter((r) => sqlBoolean(r.subsidiary_tickets_visible)).map((r) => String(r.company_id));
    const familyParents = [
      ...new Set(wide.filter((r) => sqlBoolean(r.share_tickets_with_family) && r.parent_id).map((r) => String(r.parent_id))),
    ];
    const below: Row[] = subsidiaryRoots.length
      ? await ctx.db.query(
          `SELECT ancestor_id, descendant_id FROM company_closure WHERE ancestor_id IN (${subsidiaryRoots.map(() => '?').join(',')}) AND depth > 0`,
          subsidiaryRoots,
        )
      : [];
    const siblings: Row[] = familyParents.length
      ? await ctx.db.query(
          `SELECT id, parent_id FROM company WHERE parent_id IN (${familyParents.map(() => '?').join(',')})`,
          familyParents,
        )
      : [];
    for (const r of wide) {
      const c = String(r.company_id);
      grant(c, AccessReason.COMPANY_WIDE, c);
      if (sqlBoolean(r.share_tickets_with_family) && r.parent_id) {
        const p = String(r.parent_id);
        grant(p, AccessReason.FAMILY, c);
        for (const s of siblings) if (s.parent_id === p && s.id !== c) grant(String(s.id), AccessReason.FAMILY, c);
      }
    }
    for (const b of below) grant(String(b.descendant_id), AccessReason.SUBSIDIARY, String(b.ancestor_id));
    return [...byCompany].map(([companyId, grants]) => ({ companyId, grants }));
  }
}

/**
 * Every customer account that sees `ticket` now, with every (reason, via) pair: `ticketAudience`
 * and the recipients of every notification (notification/recipients.ts) — one definition.
 *
 * The SQL only narrows the candidates to the memberships that can grant anything on a ticket of X —
 * in X, above X, beside X — driven from those few companies (by primary key and ix_company_parent),
 * then their members by ix_membership_company, so the cost follows the companies' members, never
 * the number of accounts (issue 5, S5). The decision is `grantsOfAccount`, the same function that
 * explains a viewer's own access (Ticket.viewerAccess), over the same ViewerGrants a request builds.
 */
export async function audienceOf(db: EntityManager, ticket: TicketEntity): Promise<Array<{ accountId: string; grants: Grant[] }>> {
  const x = ticket.companyId;
  const ancestorRows: Row[] = await db.query(`SELECT ancestor_id, depth FROM company_closure WHERE descendant_id = ? AND depth > 0`, [x]);
  const ancestors = new Map(ancestorRows.map((r) => [String(r.ancestor_id), Number(r.depth)]));
  const parentId = [...ancestors].find(([, depth]) => depth === 1)?.[0] ?? null;
  const ancestorIds = [...ancestors.keys()];
  const parentIds = parentId ? [x, parentId] : [x];
  const marks = (ids: string[]) => ids.map(() => '?').join(', ');
  // above and beside X only company-wide members of companies with the matching setting can grant
  // anything: the rest stay in the database (grantsOfAccount still decides every grant)
  const rows: Array<MembershipGrantRow & { account_id: string }> = await db.query(
    `SELECT m.account_id, ${MEMBERSHIP_GRANT_COLUMNS}
       FROM company c
       JOIN membership m ON m.company_id = c.id
       JOIN account a ON a.id = m.account_id
      WHERE a.disabled = 0 AND a.staff_role IS NULL AND c.portal_enabled = 1 AND (m.capabilities & ${CAPABILITY_BIT.TICKETS}) <> 0
        AND (c.id = ?
             OR ((m.role <> 'MEMBER' OR c.members_see_company_tickets = 1)
                 AND (${ancestorIds.length ? `(c.id IN (${marks(ancestorIds)}) AND c.subsidiary_tickets_visible = 1) OR ` : ''}
                      (c.parent_id IN (${marks(parentIds)}) AND c.share_tickets_with_family = 1))))`,
    [x, ...ancestorIds, ...parentIds],
  );
  const byAccount = new Map<string, MembershipGrantRow[]>();
  for (const row of rows) {
    const accountId = String(row.account_id);
    byAccount.set(accountId, [...(byAccount.get(accountId) ?? []), row]);
  }
  const audience: Array<{ accountId: string; grants: Grant[] }> = [];
  for (const [accountId, memberships] of byAccount) {
    const grants = grantsOfAccount(viewerGrantsFromRows(accountId, memberships), ticket, ancestors);
    if (grants.length > 0) audience.push({ accountId, grants });
  }
  return audience;
}

/** What the grant table reads of a ticket: `Ticket.viewerAccess` and `viewerCan` declare these (`@Reads`). */
export const GRANT_READS = ['companyId', 'requesterId', 'assigneeId', 'rootCompanyId'] as const;
type TicketGrantFacts = Pick<TicketEntity, (typeof GRANT_READS)[number]>;

/**
 * The ancestry of a ticket's company as far as `g`'s grants ask about it, from the ticket's tree
 * root alone, when that is enough; null when the closure has to be read. Only grants in the
 * ticket's own tree can ask (a company's ancestors share its root): SUBSIDIARY from that tree's root
 * asks whether the company is not the root; SUBSIDIARY from another company R of the tree whether R
 * is above it (unknown, unless R is the company itself); FAMILY of a membership M whether the
 * company's parent is M's parent (unknown, unless the company is M itself or M's parent).
 */
function ancestryFromTree(g: ViewerGrants, ticket: TicketGrantFacts): Map<string, number> | null {
  const x = ticket.companyId;
  for (const m of g.memberships) {
    if (m.rootId !== ticket.rootCompanyId || !m.companyWide) continue;
    if (m.subsidiaryTicketsVisible && m.parentId !== null && m.companyId !== x) return null;
    if (m.shareTicketsWithFamily && m.parentId !== null && m.companyId !== x && m.parentId !== x) return null;
  }
  // the depth is unknown and unused: grantsOfAccount reads depths only for FAMILY, which cannot apply here
  return ticket.rootCompanyId !== x ? new Map([[ticket.rootCompanyId, Number.NaN]]) : new Map();
}

/** access-model.md's grant table for one customer and one ticket. */
function grantsOfAccount(g: ViewerGrants, ticket: TicketGrantFacts, ancestors: Map<string, number>): Grant[] {
  const x = ticket.companyId;
  const grants: Grant[] = [];
  if (ticket.requesterId === g.accountId && g.liveCompanyIds.includes(x)) pushGrant(grants, AccessReason.OWN_TICKET, x);
  if (ticket.assigneeId === g.accountId && g.solverCompanyIds.includes(x)) pushGrant(grants, AccessReason.ASSIGNED_SOLVER, x);
  if (g.wideCompanyIds.includes(x)) pushGrant(grants, AccessReason.COMPANY_WIDE, x);
  for (const root of g.subsidiaryRootIds) if (ancestors.has(root)) pushGrant(grants, AccessReason.SUBSIDIARY, root);
  const parentOfX = [...ancestors].find(([, depth]) => depth === 1)?.[0] ?? null;
  for (const m of g.memberships) {
    if (!m.companyWide || !m.shareTicketsWithFamily || !m.parentId) continue;
    if (x === m.parentId || (parentOfX === m.parentId && x !== m.companyId)) pushGrant(grants, AccessReason.FAMILY, m.companyId);
  }
  return grants;
}
