/**
 * Reference model of the access rules of /work/shared/spec/access-model.md.
 *
 * This file is a specification oracle for property-based tests: it restates the spec's
 * sentences as plain loops over an in-memory world, and deliberately shares no code with
 * the server (no SQL, no imports from src). Clarity beats speed here; every function is
 * polynomial and comfortably fast for ~40 companies, ~40 accounts and ~200 tickets.
 *
 * Every function reads the world as it is at the moment of the call ("grants are evaluated
 * on the current state at every request"), so a test may mutate the world between calls.
 */

// ---------------------------------------------------------------------------------------
// Things
// ---------------------------------------------------------------------------------------

export type Role = 'ADMINISTRATOR' | 'MODERATOR' | 'MEMBER';
export type StaffRole = 'ADMIN' | 'AGENT';
export type Capability = 'TICKETS' | 'SOLVER' | 'KNOWLEDGE_BASE' | 'OVERVIEW' | 'BILLING' | 'INVOICES';
export type AccessReason = 'OWN_TICKET' | 'ASSIGNED_SOLVER' | 'COMPANY_WIDE' | 'SUBSIDIARY' | 'FAMILY';

export interface RefCompany {
  id: string;
  parentId: string | null;
  portalEnabled: boolean;
  membersSeeCompanyTickets: boolean;
  subsidiaryTicketsVisible: boolean;
  shareTicketsWithFamily: boolean;
}

export interface RefAccount {
  id: string;
  staffRole: StaffRole | null;
  disabled: boolean;
}

export interface RefMembership {
  id: string;
  accountId: string;
  companyId: string;
  role: Role;
  capabilities: Capability[];
}

export interface RefTicket {
  id: string;
  companyId: string;
  requesterId: string | null;
  assigneeId: string | null;
}

export interface RefWorld {
  companies: RefCompany[];
  accounts: RefAccount[];
  memberships: RefMembership[];
  tickets: RefTicket[];
}

export interface RefGrant {
  reason: AccessReason;
  /** company id */
  via: string;
}

// ---------------------------------------------------------------------------------------
// Capabilities and their defaults
// ---------------------------------------------------------------------------------------

/** The spec's capability table, column by column (order follows the `Capability` enum). */
export const DEFAULT_CAPABILITIES: Record<Role, Capability[]> = {
  ADMINISTRATOR: ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW', 'BILLING', 'INVOICES'],
  MODERATOR: ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW'],
  MEMBER: ['TICKETS', 'KNOWLEDGE_BASE'],
};

// ---------------------------------------------------------------------------------------
// Lookups (small helpers, not exported)
// ---------------------------------------------------------------------------------------

function findCompany(world: RefWorld, companyId: string): RefCompany | undefined {
  return world.companies.find((c) => c.id === companyId);
}

function findAccount(world: RefWorld, accountId: string): RefAccount | undefined {
  return world.accounts.find((a) => a.id === accountId);
}

function findTicket(world: RefWorld, ticketId: string): RefTicket | undefined {
  return world.tickets.find((t) => t.id === ticketId);
}

function membershipsOf(world: RefWorld, accountId: string): RefMembership[] {
  return world.memberships.filter((m) => m.accountId === accountId);
}

function isStaff(account: RefAccount): boolean {
  return account.staffRole !== null;
}

/** "Staff accounts that are not disabled" */
function isActiveStaff(account: RefAccount | undefined): boolean {
  return account !== undefined && isStaff(account) && !account.disabled;
}

/** A customer account (staffRole null), whether disabled or not. */
function isCustomer(account: RefAccount | undefined): account is RefAccount {
  return account !== undefined && !isStaff(account);
}

// ---------------------------------------------------------------------------------------
// Company tree
// ---------------------------------------------------------------------------------------

/**
 * The ancestors of a company (parent, grandparent, ...), found by walking parent pointers.
 * The walk stops at a repeated id so a (forbidden) cycle cannot hang the model.
 */
function ancestors(world: RefWorld, companyId: string): Set<string> {
  const result = new Set<string>();
  let current = findCompany(world, companyId);
  while (current !== undefined && current.parentId !== null && !result.has(current.parentId)) {
    result.add(current.parentId);
    current = findCompany(world, current.parentId);
  }
  return result;
}

/** "A company's descendants are its children, their children, and so on." (strict) */
export function descendants(world: RefWorld, companyId: string): Set<string> {
  const result = new Set<string>();
  for (const other of world.companies) {
    if (other.id !== companyId && ancestors(world, other.id).has(companyId)) {
      result.add(other.id);
    }
  }
  return result;
}

/**
 * "`moveCompany` into the company itself or into one of its descendants fails with `CYCLE`
 * and changes nothing." Otherwise the company gets the new parent (null: a root).
 * Unknown ids are a test bug, not a model outcome, so they throw.
 */
export function moveCompany(world: RefWorld, companyId: string, newParentId: string | null): 'OK' | 'CYCLE' {
  const company = findCompany(world, companyId);
  if (company === undefined) throw new Error(`reference-model: unknown company ${companyId}`);
  if (newParentId !== null) {
    if (findCompany(world, newParentId) === undefined) {
      throw new Error(`reference-model: unknown parent company ${newParentId}`);
    }
    if (newParentId === companyId || descendants(world, companyId).has(newParentId)) {
      return 'CYCLE';
    }
  }
  company.parentId = newParentId;
  return 'OK';
}

// ---------------------------------------------------------------------------------------
// Membership states
// ---------------------------------------------------------------------------------------

/** "active when A is not disabled and `C.portalEnabled` is true" */
function isActive(world: RefWorld, m: RefMembership): boolean {
  const account = findAccount(world, m.accountId);
  const company = findCompany(world, m.companyId);
  return account !== undefined && !account.disabled && company !== undefined && company.portalEnabled;
}

/** "live when it is active and `TICKETS` is in its capabilities" */
function isLive(world: RefWorld, m: RefMembership): boolean {
  return isActive(world, m) && m.capabilities.includes('TICKETS');
}

/**
 * "A live membership is company-wide when its role is ADMINISTRATOR or MODERATOR, or when
 * `C.membersSeeCompanyTickets` is true."
 */
function isCompanyWide(world: RefWorld, m: RefMembership): boolean {
  if (!isLive(world, m)) return false;
  const company = findCompany(world, m.companyId);
  return m.role === 'ADMINISTRATOR' || m.role === 'MODERATOR' || (company !== undefined && company.membersSeeCompanyTickets);
}

/** Role of an active membership of the account in the company, else null. */
export function roleIn(world: RefWorld, accountId: string, companyId: string): Role | null {
  for (const m of membershipsOf(world, accountId)) {
    if (m.companyId === companyId && isActive(world, m)) return m.role;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Grants
// ---------------------------------------------------------------------------------------

/** Adds a grant unless the same (reason, via) pair is already there. */
function addGrant(grants: RefGrant[], reason: AccessReason, via: string): void {
  if (!grants.some((g) => g.reason === reason && g.via === via)) grants.push({ reason, via });
}

/**
 * The grants by which customer account A sees the tickets of company X *as a whole*
 * (reasons COMPANY_WIDE, SUBSIDIARY, FAMILY). They depend on the ticket only through its
 * company, so they are defined per company; `ticketGrants` reuses them.
 */
function companyWideGrants(world: RefWorld, accountId: string, companyId: string): RefGrant[] {
  const grants: RefGrant[] = [];
  if (!isCustomer(findAccount(world, accountId))) return grants;
  for (const m of membershipsOf(world, accountId)) {
    if (!isCompanyWide(world, m)) continue;
    const c = findCompany(world, m.companyId);
    if (c === undefined) continue;

    // COMPANY_WIDE: A has a company-wide live membership in T.company. via T.company
    if (c.id === companyId) addGrant(grants, 'COMPANY_WIDE', companyId);

    // SUBSIDIARY: company-wide live membership in C with C.subsidiaryTicketsVisible,
    // and T.company is a descendant of C (any depth). via C
    // (X is a descendant of C exactly when C is among X's ancestors; cheaper to walk up.)
    if (c.subsidiaryTicketsVisible && ancestors(world, companyId).has(c.id)) {
      addGrant(grants, 'SUBSIDIARY', c.id);
    }

    // FAMILY: company-wide live membership in C with C.shareTicketsWithFamily, C has a
    // parent P, and T.company is P or a child of P other than C. via C
    if (c.shareTicketsWithFamily && c.parentId !== null) {
      const p = c.parentId;
      const target = findCompany(world, companyId);
      const isParent = companyId === p;
      const isSibling = target !== undefined && target.parentId === p && companyId !== c.id;
      if (isParent || isSibling) addGrant(grants, 'FAMILY', c.id);
    }
  }
  return grants;
}

/**
 * Every grant (reason, via) by which customer account A sees ticket T, each pair once.
 * Empty for staff accounts (they see tickets by the staff rule, not by grants), for
 * disabled accounts (no membership of theirs is live) and for unknown ids.
 */
export function ticketGrants(world: RefWorld, accountId: string, ticketId: string): RefGrant[] {
  const grants: RefGrant[] = [];
  const account = findAccount(world, accountId);
  const ticket = findTicket(world, ticketId);
  if (!isCustomer(account) || ticket === undefined) return grants;

  for (const m of membershipsOf(world, accountId)) {
    if (m.companyId !== ticket.companyId || !isLive(world, m)) continue;
    // OWN_TICKET: T.requester is A and A has a live membership in T.company. via T.company
    if (ticket.requesterId === accountId) addGrant(grants, 'OWN_TICKET', ticket.companyId);
    // ASSIGNED_SOLVER: T.assignee is A and A has a live membership in T.company with SOLVER
    if (ticket.assigneeId === accountId && m.capabilities.includes('SOLVER')) {
      addGrant(grants, 'ASSIGNED_SOLVER', ticket.companyId);
    }
  }

  for (const g of companyWideGrants(world, accountId, ticket.companyId)) addGrant(grants, g.reason, g.via);
  return grants;
}

// ---------------------------------------------------------------------------------------
// Ticket visibility
// ---------------------------------------------------------------------------------------

/**
 * "Staff accounts that are not disabled see every ticket." A customer sees T exactly when at
 * least one grant holds. A disabled account sees nothing.
 */
export function canSeeTicket(world: RefWorld, accountId: string, ticketId: string): boolean {
  const account = findAccount(world, accountId);
  if (account === undefined || account.disabled) return false;
  if (findTicket(world, ticketId) === undefined) return false;
  if (isActiveStaff(account)) return true;
  return ticketGrants(world, accountId, ticketId).length > 0;
}

export function visibleTicketIds(world: RefWorld, accountId: string): Set<string> {
  const result = new Set<string>();
  for (const t of world.tickets) {
    if (canSeeTicket(world, accountId, t.id)) result.add(t.id);
  }
  return result;
}

/**
 * `ticketAudience(ticketId)`: every customer account that sees the ticket, with one grant
 * for each (reason, via) pair that holds. Staff accounts are not listed.
 */
export function ticketAudience(world: RefWorld, ticketId: string): Map<string, RefGrant[]> {
  const result = new Map<string, RefGrant[]>();
  for (const a of world.accounts) {
    if (!isCustomer(a)) continue;
    const grants = ticketGrants(world, a.id, ticketId);
    if (grants.length > 0) result.set(a.id, grants);
  }
  return result;
}

/**
 * `accountVisibility(accountId)`: every company whose tickets A sees as a whole (reasons
 * COMPANY_WIDE, SUBSIDIARY, FAMILY), with every grant that holds. Listed whether or not the
 * company has any ticket. Empty for staff accounts and disabled accounts.
 */
export function accountVisibility(world: RefWorld, accountId: string): Map<string, RefGrant[]> {
  const result = new Map<string, RefGrant[]>();
  for (const x of world.companies) {
    const grants = companyWideGrants(world, accountId, x.id);
    if (grants.length > 0) result.set(x.id, grants);
  }
  return result;
}

/**
 * "create a ticket in company X": staff (not disabled) any X; a customer where it has a live
 * membership, or where it sees X's tickets company-wide (X is listed by `accountVisibility`).
 */
export function canCreateTicketIn(world: RefWorld, accountId: string, companyId: string): boolean {
  const account = findAccount(world, accountId);
  if (account === undefined || account.disabled) return false;
  if (isActiveStaff(account)) return true;
  if (membershipsOf(world, accountId).some((m) => m.companyId === companyId && isLive(world, m))) return true;
  return companyWideGrants(world, accountId, companyId).length > 0;
}

// ---------------------------------------------------------------------------------------
// Which companies and accounts an account sees
// ---------------------------------------------------------------------------------------

/**
 * "Staff see every company. A customer account sees company X when it has an active
 * membership in X, or when X is listed by `accountVisibility` for it." Disabled: nothing.
 */
export function visibleCompanyIds(world: RefWorld, accountId: string): Set<string> {
  const result = new Set<string>();
  const account = findAccount(world, accountId);
  if (account === undefined || account.disabled) return result;
  if (isActiveStaff(account)) {
    for (const c of world.companies) result.add(c.id);
    return result;
  }
  for (const m of membershipsOf(world, accountId)) {
    if (isActive(world, m)) result.add(m.companyId);
  }
  for (const companyId of accountVisibility(world, accountId).keys()) result.add(companyId);
  return result;
}

/**
 * "Staff see every account. A customer sees an account when it is itself, when it holds a
 * membership in a company the viewer sees, or when it is the requester or assignee of a
 * ticket the viewer sees." Memberships count in any state. Disabled viewers see nothing.
 */
export function visibleAccountIds(world: RefWorld, viewerId: string): Set<string> {
  const result = new Set<string>();
  const viewer = findAccount(world, viewerId);
  if (viewer === undefined || viewer.disabled) return result;
  if (isActiveStaff(viewer)) {
    for (const a of world.accounts) result.add(a.id);
    return result;
  }

  return accountsAround(world, viewerId, visibleCompanyIds(world, viewerId), visibleTicketIds(world, viewerId));
}

/**
 * The customer half of the accounts rule: the viewer itself, every account with a membership (in
 * any state) in one of `companies`, and the requester and assignee of each of `tickets` — only
 * ids of accounts that exist (a ticket may name a requester that is gone).
 */
function accountsAround(world: RefWorld, viewerId: string, companies: Set<string>, tickets: Set<string>): Set<string> {
  const result = new Set<string>([viewerId]);
  for (const m of world.memberships) {
    if (companies.has(m.companyId)) result.add(m.accountId);
  }
  for (const t of world.tickets) {
    if (!tickets.has(t.id)) continue;
    if (t.requesterId !== null) result.add(t.requesterId);
    if (t.assigneeId !== null) result.add(t.assigneeId);
  }
  for (const id of [...result]) {
    if (findAccount(world, id) === undefined) result.delete(id);
  }
  return result;
}

/**
 * What `Account.memberships` lists for the viewer: "only memberships in companies the viewer
 * sees (all of them for staff and for the account itself, except memberships in companies
 * whose portal is disabled)". Read as:
 * - a staff viewer (not disabled): every membership of the account;
 * - the account itself: its memberships in companies it sees, except those whose company has
 *   `portalEnabled` false (even when it still sees that company as a whole through
 *   SUBSIDIARY or FAMILY of another company);
 * - any other customer viewer: memberships in companies the viewer sees.
 * Disabled viewers see nothing. Does not check that the viewer sees the account itself.
 */
export function visibleMembershipIdsOfAccount(world: RefWorld, viewerId: string, accountId: string): Set<string> {
  const result = new Set<string>();
  const viewer = findAccount(world, viewerId);
  if (viewer === undefined || viewer.disabled) return result;
  const all = membershipsOf(world, accountId);
  if (isActiveStaff(viewer)) {
    for (const m of all) result.add(m.id);
    return result;
  }
  const companies = visibleCompanyIds(world, viewerId);
  for (const m of all) {
    if (!companies.has(m.companyId)) continue;
    if (viewerId === accountId && findCompany(world, m.companyId)?.portalEnabled !== true) continue;
    result.add(m.id);
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// Through a personal API token restricted to a company (issue 4)
// ---------------------------------------------------------------------------------------
//
// "A token acts as its account, narrowed by its scopes, and, with a company restriction,
// narrowed to that company and its descendants (it never widens anything)." The functions
// below take the restriction (a company id, or null for none) and read the tree as it is
// now: a company moved into or out of the restriction's subtree is in or out at once. With
// null they are the unrestricted functions above.

/** A restriction to company R covers R itself and its descendants (any depth), now. */
export function restrictionSubtree(world: RefWorld, restrictToCompanyId: string): Set<string> {
  const result = new Set<string>();
  if (findCompany(world, restrictToCompanyId) === undefined) return result;
  result.add(restrictToCompanyId);
  for (const id of descendants(world, restrictToCompanyId)) result.add(id);
  return result;
}

/** Tickets seen through the token: those the account sees whose company is in the subtree. */
export function visibleTicketIdsWithin(world: RefWorld, viewerId: string, restrictToCompanyId: string | null): Set<string> {
  const all = visibleTicketIds(world, viewerId);
  if (restrictToCompanyId === null) return all;
  const subtree = restrictionSubtree(world, restrictToCompanyId);
  const result = new Set<string>();
  for (const t of world.tickets) {
    if (all.has(t.id) && subtree.has(t.companyId)) result.add(t.id);
  }
  return result;
}

/** Companies seen through the token: those the account sees that are in the subtree. */
export function visibleCompanyIdsWithin(world: RefWorld, viewerId: string, restrictToCompanyId: string | null): Set<string> {
  const all = visibleCompanyIds(world, viewerId);
  if (restrictToCompanyId === null) return all;
  const subtree = restrictionSubtree(world, restrictToCompanyId);
  return new Set([...all].filter((id) => subtree.has(id)));
}

/**
 * Accounts seen through a restricted token — the accounts rule restated over what the token
 * sees, for staff and customers alike (a staff account's "see every account" is narrowed too):
 * the viewer itself, every account holding a membership (in any state) in a company the token
 * sees, and the requester and assignee of every ticket the token sees. Disabled viewers see
 * nothing.
 */
export function visibleAccountIdsWithin(world: RefWorld, viewerId: string, restrictToCompanyId: string | null): Set<string> {
  if (restrictToCompanyId === null) return visibleAccountIds(world, viewerId);
  const viewer = findAccount(world, viewerId);
  if (viewer === undefined || viewer.disabled) return new Set();
  return accountsAround(
    world,
    viewerId,
    visibleCompanyIdsWithin(world, viewerId, restrictToCompanyId),
    visibleTicketIdsWithin(world, viewerId, restrictToCompanyId),
  );
}

/**
 * `Account.memberships` through the token: what the account would list
 * (visibleMembershipIdsOfAccount), left with only memberships in companies the token sees.
 */
export function visibleMembershipIdsOfAccountWithin(
  world: RefWorld,
  viewerId: string,
  accountId: string,
  restrictToCompanyId: string | null,
): Set<string> {
  const all = visibleMembershipIdsOfAccount(world, viewerId, accountId);
  if (restrictToCompanyId === null) return all;
  const companies = visibleCompanyIdsWithin(world, viewerId, restrictToCompanyId);
  const result = new Set<string>();
  for (const m of membershipsOf(world, accountId)) {
    if (all.has(m.id) && companies.has(m.companyId)) result.add(m.id);
  }
  return result;
}
