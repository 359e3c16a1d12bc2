import { ViewerGrants } from '../../kernel/viewer-grants';
import type { SqlCondition } from '../../shared/sql-condition';
import { Role } from '../membership/membership.entity';

/**
 * The visibility scopes of access-model.md as SQL conditions. Lists, counts, by-id reads,
 * DataLoaders and nested fields all filter through these: nothing is fetched and then filtered.
 * A scope is `null` for staff (no condition); a customer's scope ORs one indexed condition per
 * kind of grant, each over a short id list from ViewerGrants (a SqlCondition, shared/sql-condition.ts).
 */

const NOTHING: SqlCondition = { sql: '1 = 0', params: {} };

const sameValue = (a: unknown, b: unknown) =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * The parameters of conditions combined into one: a name may repeat only with the same value
 * (scopes combine scopes, e.g. accountScope; a silent overwrite would change another condition).
 */
function mergeParams(parts: SqlCondition[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, value] of Object.entries(part.params)) {
      if (name in merged && !sameValue(merged[name], value)) throw new Error(`scope parameter :${name} bound to two values`);
      merged[name] = value;
    }
  }
  return merged;
}

function anyOf(parts: Array<SqlCondition | null>): SqlCondition {
  const present = parts.filter((p): p is SqlCondition => p !== null);
  if (present.length === 0) return NOTHING;
  return { sql: `(${present.map((p) => p.sql).join(' OR ')})`, params: mergeParams(present) };
}

function allOf(parts: Array<SqlCondition | null>): SqlCondition | null {
  const present = parts.filter((p): p is SqlCondition => p !== null);
  if (present.length === 0) return null;
  return { sql: `(${present.map((p) => p.sql).join(' AND ')})`, params: mergeParams(present) };
}

/** A company-restricted API token narrows every scope to that company and its descendants. */
const withinRestriction = (column: string, g: ViewerGrants): SqlCondition | null =>
  g.restrictToCompanyId === null
    ? null
    : {
        sql: `${column} IN (SELECT vs_rc.descendant_id FROM company_closure vs_rc WHERE vs_rc.ancestor_id = :vs_restrict)`,
        params: { vs_restrict: g.restrictToCompanyId },
      };

const inList = (column: string, name: string, ids: string[]): SqlCondition | null =>
  ids.length === 0 ? null : { sql: `${column} IN (:...${name})`, params: { [name]: ids } };

/**
 * Companies whose tickets the viewer sees as a whole: COMPANY_WIDE, SUBSIDIARY (closure rows
 * under each root, any depth, one index range) and FAMILY (the parent and all its children;
 * the sharing company itself is already company-wide). With `treeColumn` (the tree root of the
 * row), SUBSIDIARY from a tree root is that whole tree: one equality instead of its closure rows.
 */
function seenAsWhole(column: string, g: ViewerGrants, treeColumn: string | null = null): Array<SqlCondition | null> {
  const wholeTrees = treeColumn ? g.wholeTreeRootIds : [];
  const subsidiaryRoots = g.subsidiaryRootIds.filter((id) => !wholeTrees.includes(id));
  const subParam = treeColumn ? 'vs_sub_in_tree' : 'vs_sub'; // a different list: its own name
  return [
    inList(column, 'vs_wide', g.wideCompanyIds),
    treeColumn ? inList(treeColumn, 'vs_trees', wholeTrees) : null,
    subsidiaryRoots.length === 0
      ? null
      : {
          sql: `${column} IN (SELECT vs_cc.descendant_id FROM company_closure vs_cc WHERE vs_cc.ancestor_id IN (:...${subParam}) AND vs_cc.depth > 0)`,
          params: { [subParam]: subsidiaryRoots },
        },
    inList(column, 'vs_fam', g.familyParentIds),
    g.familyParentIds.length === 0
      ? null
      : {
          sql: `${column} IN (SELECT vs_sib.id FROM company vs_sib WHERE vs_sib.parent_id IN (:...vs_fam))`,
          params: { vs_fam: g.familyParentIds },
        },
  ];
}

/**
 * Tickets the viewer sees: `alias` is the ticket table's alias. A viewer who sees whole companies
 * of a single tree also gets the (implied) condition "in that tree", which lets the database page
 * along ix_ticket_root_created instead of walking all tickets newest first and dropping other
 * trees'. Own-ticket viewers keep the requester's index. (docs/decisions.md, Performance:
 * "Every company and ticket records the root of its tree".)
 */
export function ticketScope(g: ViewerGrants | null, alias: string): SqlCondition | null {
  if (!g) return null;
  const oneTree = !g.isStaff && g.treeRootIds.length === 1 && g.wideCompanyIds.length > 0;
  const inTree: SqlCondition | null = oneTree
    ? { sql: `${alias}.root_company_id = :vs_tree`, params: { vs_tree: g.treeRootIds[0] } }
    : null;
  const granted = g.isStaff
    ? null
    : anyOf([
        g.liveCompanyIds.length === 0
          ? null
          : {
              sql: `(${alias}.requester_id = :vs_me AND ${alias}.company_id IN (:...vs_live))`,
              params: { vs_me: g.accountId, vs_live: g.liveCompanyIds },
            },
        g.solverCompanyIds.length === 0
          ? null
          : {
              sql: `(${alias}.assignee_id = :vs_me AND ${alias}.company_id IN (:...vs_solver))`,
              params: { vs_me: g.accountId, vs_solver: g.solverCompanyIds },
            },
        ...seenAsWhole(`${alias}.company_id`, g, oneTree ? `${alias}.root_company_id` : null),
      ]);
  return allOf([inTree, granted, withinRestriction(`${alias}.company_id`, g)]);
}

/** Companies the viewer sees; `column` holds a company id. */
export function companyScope(g: ViewerGrants | null, column: string): SqlCondition | null {
  if (!g) return null;
  const granted = g.isStaff ? null : anyOf([inList(column, 'vs_active', g.activeCompanyIds), ...seenAsWhole(column, g)]);
  return allOf([granted, withinRestriction(column, g)]);
}

/** Companies whose tickets the viewer sees as a whole; `column` holds a company id. */
export function wideCompanyScope(g: ViewerGrants | null, column: string): SqlCondition | null {
  if (!g) return null;
  const granted = g.isStaff ? null : anyOf(seenAsWhole(column, g));
  return allOf([granted, withinRestriction(column, g)]);
}

/**
 * Accounts the viewer sees: itself, members of companies it sees, requesters and assignees of
 * tickets it sees, authors of the comments it may read (conversation.md: PUBLIC comments of tickets
 * it sees; customers never read INTERNAL ones). `alias` is the account table's alias.
 */
export function accountScope(g: ViewerGrants | null, alias: string): SqlCondition | null {
  if (!g) return null;
  // (for a restricted staff token these are just the restriction: staff otherwise see everyone)
  const companies = companyScope(g, 'vs_m.company_id') ?? { sql: '1 = 1', params: {} };
  const requested = ticketScope(g, 'vs_tr') ?? { sql: '1 = 1', params: {} };
  const assigned = ticketScope(g, 'vs_ta') ?? { sql: '1 = 1', params: {} };
  const commented = ticketScope(g, 'vs_tc') ?? { sql: '1 = 1', params: {} };
  return anyOf([
    { sql: `${alias}.id = :vs_me`, params: { vs_me: g.accountId } },
    companies.sql === NOTHING.sql
      ? null
      : {
          sql: `EXISTS (SELECT 1 FROM membership vs_m WHERE vs_m.account_id = ${alias}.id AND ${companies.sql})`,
          params: companies.params,
        },
    requested.sql === NOTHING.sql
      ? null
      : {
          sql: `EXISTS (SELECT 1 FROM ticket vs_tr WHERE vs_tr.requester_id = ${alias}.id AND ${requested.sql})`,
          params: requested.params,
        },
    assigned.sql === NOTHING.sql
      ? null
      : { sql: `EXISTS (SELECT 1 FROM ticket vs_ta WHERE vs_ta.assignee_id = ${alias}.id AND ${assigned.sql})`, params: assigned.params },
    commented.sql === NOTHING.sql
      ? null
      : {
          sql: `EXISTS (SELECT 1 FROM ticket_comment vs_c JOIN ticket vs_tc ON vs_tc.id = vs_c.ticket_id
                        WHERE vs_c.author_id = ${alias}.id AND vs_c.visibility = 'PUBLIC' AND ${commented.sql})`,
          params: commented.params,
        },
  ]);
}

/**
 * Invitations the viewer sees: staff all, a customer those of companies where it is ADMINISTRATOR
 * (active memberships: companies it sees, so only a token's restriction narrows further).
 * `alias` is the invitation table's alias.
 */
export function invitationScope(g: ViewerGrants | null, alias: string): SqlCondition | null {
  if (!g) return null;
  const column = `${alias}.company_id`;
  const administered = g.memberships.filter((m) => m.role === Role.ADMINISTRATOR).map((m) => m.companyId);
  const granted = g.isStaff ? null : (inList(column, 'vs_admin', administered) ?? NOTHING);
  return allOf([granted, withinRestriction(column, g)]);
}
