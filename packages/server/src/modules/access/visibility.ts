import { ViewerGrants } from './viewer-grants';

/**
 * The visibility scopes of access-model.md as SQL conditions. Lists, counts, by-id reads,
 * DataLoaders and nested fields all filter through these: nothing is fetched and then filtered.
 * A scope is `null` for staff (no condition); a customer's scope ORs one indexed condition per
 * kind of grant, each over a short id list from ViewerGrants.
 */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

const NOTHING: SqlCondition = { sql: '1 = 0', params: {} };

function anyOf(parts: Array<SqlCondition | null>): SqlCondition {
  const present = parts.filter((p): p is SqlCondition => p !== null);
  if (present.length === 0) return NOTHING;
  return {
    sql: `(${present.map((p) => p.sql).join(' OR ')})`,
    params: Object.assign({}, ...present.map((p) => p.params)),
  };
}

function allOf(parts: Array<SqlCondition | null>): SqlCondition | null {
  const present = parts.filter((p): p is SqlCondition => p !== null);
  if (present.length === 0) return null;
  return {
    sql: `(${present.map((p) => p.sql).join(' AND ')})`,
    params: Object.assign({}, ...present.map((p) => p.params)),
  };
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
 * the sharing company itself is already company-wide).
 */
function seenAsWhole(column: string, g: ViewerGrants): Array<SqlCondition | null> {
  return [
    inList(column, 'vs_wide', g.wideCompanyIds),
    g.subsidiaryRootIds.length === 0
      ? null
      : {
          sql: `${column} IN (SELECT vs_cc.descendant_id FROM company_closure vs_cc WHERE vs_cc.ancestor_id IN (:...vs_sub) AND vs_cc.depth > 0)`,
          params: { vs_sub: g.subsidiaryRootIds },
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

/** Tickets the viewer sees: `alias` is the ticket table's alias. */
export function ticketScope(g: ViewerGrants | null, alias: string): SqlCondition | null {
  if (!g) return null;
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
        ...seenAsWhole(`${alias}.company_id`, g),
      ]);
  return allOf([granted, withinRestriction(`${alias}.company_id`, g)]);
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
 * tickets it sees. `alias` is the account table's alias.
 */
export function accountScope(g: ViewerGrants | null, alias: string): SqlCondition | null {
  if (!g) return null;
  // (for a restricted staff token these are just the restriction: staff otherwise see everyone)
  const companies = companyScope(g, 'vs_m.company_id') ?? { sql: '1 = 1', params: {} };
  const requested = ticketScope(g, 'vs_tr') ?? { sql: '1 = 1', params: {} };
  const assigned = ticketScope(g, 'vs_ta') ?? { sql: '1 = 1', params: {} };
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
  ]);
}
