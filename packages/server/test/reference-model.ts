/**
 * Reference model of the access rules of /work/shared/spec/access-model.md, and of the ticket
 * conversation and its notifications of conversation.md (the last section).
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
export type TicketStatus = 'NEW' | 'OPEN' | 'WAITING' | 'RESOLVED' | 'CLOSED';
export type CommentVisibility = 'PUBLIC' | 'INTERNAL';
export type NotificationLevel = 'ALL' | 'PARTICIPATING' | 'NONE';
export type NotificationEvent = 'TICKET_CREATED' | 'COMMENT_ADDED' | 'STATUS_CHANGED' | 'ASSIGNED';

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
  /** conversation.md: null or left out = the default of the account's kind. */
  notificationLevel?: NotificationLevel | null;
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
  /** conversation.md; left out where a test does not care (treated as OPEN). */
  status?: TicketStatus;
}

/** conversation.md, "Comments". */
export interface RefComment {
  id: string;
  ticketId: string;
  authorId: string;
  visibility: CommentVisibility;
}

export interface RefWorld {
  companies: RefCompany[];
  accounts: RefAccount[];
  memberships: RefMembership[];
  tickets: RefTicket[];
  /** Every comment of every ticket in the order written (oldest first); left out: none. */
  comments?: RefComment[];
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
 * any state) in one of `companies`, the requester and assignee of each of `tickets`, and the
 * authors of the comments on those tickets that the viewer may read (conversation.md) — only
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
  // conversation.md: "a customer additionally sees the author of every comment they may read"
  for (const c of world.comments ?? []) {
    if (tickets.has(c.ticketId) && visibilityReadableBy(world, viewerId, c.visibility)) result.add(c.authorId);
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

// ---------------------------------------------------------------------------------------
// Conversation and notifications (conversation.md)
// ---------------------------------------------------------------------------------------
//
// The rules of conversation.md over the same world: comments (`world.comments`, in the order
// written), ticket statuses, notification levels, and who is told about an event. The mutations
// below change the world the way a successful API call does; the *Refusals functions say which
// error codes a call may fail with (empty: it succeeds). Where the spec leaves the order of two
// checks open, every failing check is listed and a test accepts any of them.

/** The error codes a refused call may answer with; UNAUTHENTICATED for a disabled actor. */
export type Refusal = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID_INPUT';

/** Something that happened on a ticket (`NotificationEvent`); `commentId` for COMMENT_ADDED. */
export interface RefEvent {
  event: NotificationEvent;
  ticketId: string;
  actorId: string | null;
  commentId?: string;
}

/** A ticket change of `updateTicket`: a left-out key is not changed; assigneeId null unassigns. */
export interface RefTicketChange {
  status?: TicketStatus;
  assigneeId?: string | null;
}

function commentsOf(world: RefWorld): RefComment[] {
  world.comments ??= [];
  return world.comments;
}

export function statusOf(world: RefWorld, ticketId: string): TicketStatus {
  return findTicket(world, ticketId)?.status ?? 'OPEN';
}

/** PUBLIC: everyone who sees the ticket; INTERNAL: staff only (disabled accounts read nothing). */
function visibilityReadableBy(world: RefWorld, viewerId: string, visibility: CommentVisibility): boolean {
  return visibility === 'PUBLIC' || isActiveStaff(findAccount(world, viewerId));
}

/** "who reads it": the ticket is seen, and the comment is PUBLIC or the viewer is staff. */
export function canReadComment(world: RefWorld, viewerId: string, commentId: string): boolean {
  const comment = commentsOf(world).find((c) => c.id === commentId);
  return (
    comment !== undefined && canSeeTicket(world, viewerId, comment.ticketId) && visibilityReadableBy(world, viewerId, comment.visibility)
  );
}

/** `Ticket.comments` as the viewer reads it: oldest first; for customers INTERNAL ones do not exist. */
export function readableCommentIds(world: RefWorld, viewerId: string, ticketId: string): string[] {
  if (!canSeeTicket(world, viewerId, ticketId)) return [];
  return commentsOf(world)
    .filter((c) => c.ticketId === ticketId && visibilityReadableBy(world, viewerId, c.visibility))
    .map((c) => c.id);
}

/** The level in force: the account's own, else ALL for customers and PARTICIPATING for staff. */
export function notificationLevelOf(world: RefWorld, accountId: string): NotificationLevel {
  const account = findAccount(world, accountId);
  if (account === undefined) throw new Error(`reference-model: unknown account ${accountId}`);
  return account.notificationLevel ?? (isStaff(account) ? 'PARTICIPATING' : 'ALL');
}

/**
 * "An account participates in T when it is T's requester, T's assignee, or the author of an
 * earlier PUBLIC comment on T (for staff: of any comment on T)." Earlier: written before
 * `beforeCommentId` (null: every comment so far).
 */
export function participates(world: RefWorld, accountId: string, ticketId: string, beforeCommentId: string | null = null): boolean {
  const ticket = findTicket(world, ticketId);
  const account = findAccount(world, accountId);
  if (ticket === undefined || account === undefined) return false;
  if (ticket.requesterId === accountId || ticket.assigneeId === accountId) return true;
  for (const c of commentsOf(world)) {
    if (c.id === beforeCommentId) break;
    if (c.ticketId === ticketId && c.authorId === accountId && (c.visibility === 'PUBLIC' || isStaff(account))) return true;
  }
  return false;
}

/**
 * The recipients of event E on ticket T, straight from conversation.md's five conditions, on the
 * world as the change left it (call after applying it): X is not the actor, not disabled, sees T
 * (for ASSIGNED the new assignee qualifies by being assigned), X's level admits E (ALL: participates,
 * or COMPANY_WIDE for customers, or always for staff; PARTICIPATING: participates; NONE: never; the
 * new assignee of ASSIGNED unless NONE), and for an INTERNAL comment X is staff.
 */
export function notificationRecipients(world: RefWorld, e: RefEvent): Set<string> {
  const ticket = findTicket(world, e.ticketId);
  if (ticket === undefined) throw new Error(`reference-model: unknown ticket ${e.ticketId}`);
  const comment = e.commentId === undefined ? undefined : commentsOf(world).find((c) => c.id === e.commentId);
  if (e.commentId !== undefined && comment === undefined) throw new Error(`reference-model: unknown comment ${e.commentId}`);
  const result = new Set<string>();
  for (const x of world.accounts) {
    if (x.id === e.actorId) continue; // 1.
    if (x.disabled) continue; // 2.
    const newAssignee = e.event === 'ASSIGNED' && ticket.assigneeId === x.id;
    if (!canSeeTicket(world, x.id, ticket.id) && !newAssignee) continue; // 3.
    const level = notificationLevelOf(world, x.id); // 4.
    if (level === 'NONE') continue;
    const admitted =
      newAssignee ||
      participates(world, x.id, ticket.id, e.commentId ?? null) ||
      (level === 'ALL' && (isStaff(x) || ticketGrants(world, x.id, ticket.id).some((g) => g.reason === 'COMPANY_WIDE')));
    if (!admitted) continue;
    if (comment?.visibility === 'INTERNAL' && !isStaff(x)) continue; // 5.
    result.add(x.id);
  }
  return result;
}

/** No session or token of a disabled account works (access-model.md): a missing or disabled actor. */
function unauthenticated(world: RefWorld, actorId: string): boolean {
  const actor = findAccount(world, actorId);
  return actor === undefined || actor.disabled;
}

/**
 * `addTicketComment`: "PUBLIC — staff ADMIN and AGENT on any ticket; a customer on a ticket they
 * see, by any grant, while they hold a live membership that sees it" (every grant needs one);
 * INTERNAL — staff only; a ticket the actor does not see does not exist for it; CLOSED refuses
 * customers with CONFLICT.
 */
export function commentRefusals(world: RefWorld, actorId: string, ticketId: string, visibility: CommentVisibility): Refusal[] {
  if (unauthenticated(world, actorId)) return ['UNAUTHENTICATED'];
  const staff = isActiveStaff(findAccount(world, actorId));
  const refusals: Refusal[] = [];
  if (visibility === 'INTERNAL' && !staff) refusals.push('FORBIDDEN');
  if (!canSeeTicket(world, actorId, ticketId)) refusals.push('NOT_FOUND');
  else if (statusOf(world, ticketId) === 'CLOSED' && !staff) refusals.push('CONFLICT');
  return refusals;
}

/**
 * A comment that `commentRefusals` allows, written: "A customer's PUBLIC comment on a RESOLVED
 * ticket reopens it (status becomes OPEN)", and that is one COMMENT_ADDED event, not also
 * STATUS_CHANGED.
 */
export function addComment(world: RefWorld, comment: RefComment): RefEvent[] {
  const ticket = findTicket(world, comment.ticketId);
  if (ticket === undefined) throw new Error(`reference-model: unknown ticket ${comment.ticketId}`);
  commentsOf(world).push({ ...comment });
  const customer = isCustomer(findAccount(world, comment.authorId));
  if (customer && comment.visibility === 'PUBLIC' && statusOf(world, ticket.id) === 'RESOLVED') ticket.status = 'OPEN';
  return [{ event: 'COMMENT_ADDED', ticketId: ticket.id, actorId: comment.authorId, commentId: comment.id }];
}

/**
 * `createTicket`: staff any company, a customer where `canCreateTicketIn` says so; a company the
 * actor does not see does not exist for it (NOT_FOUND); only staff ADMIN raises a ticket for
 * someone else.
 */
export function createTicketRefusals(world: RefWorld, actorId: string, companyId: string, requesterId: string): Refusal[] {
  if (unauthenticated(world, actorId)) return ['UNAUTHENTICATED'];
  const refusals: Refusal[] = [];
  if (requesterId !== actorId && findAccount(world, actorId)?.staffRole !== 'ADMIN') refusals.push('FORBIDDEN');
  if (!visibleCompanyIds(world, actorId).has(companyId)) refusals.push('NOT_FOUND');
  else if (!canCreateTicketIn(world, actorId, companyId)) refusals.push('FORBIDDEN');
  return refusals;
}

/** A ticket that `createTicketRefusals` allows, written with status NEW: one TICKET_CREATED event. */
export function createTicket(world: RefWorld, ticket: Omit<RefTicket, 'status'>, actorId: string): RefEvent[] {
  world.tickets.push({ ...ticket, status: 'NEW' });
  return [{ event: 'TICKET_CREATED', ticketId: ticket.id, actorId }];
}

/** access-model.md "Assignees": a staff account, or a customer with a live membership with SOLVER in the company; never disabled. */
export function canBeAssignee(world: RefWorld, accountId: string, companyId: string): boolean {
  const account = findAccount(world, accountId);
  if (account === undefined || account.disabled) return false;
  if (isStaff(account)) return true;
  return membershipsOf(world, accountId).some((m) => m.companyId === companyId && isLive(world, m) && m.capabilities.includes('SOLVER'));
}

/**
 * access-model.md "update title / status / assignee of a ticket": staff always; an ADMINISTRATOR
 * or MODERATOR on tickets it sees by COMPANY_WIDE, SUBSIDIARY or FAMILY through that membership;
 * otherwise (a MEMBER, even one who sees the company's tickets) its own tickets: the title, and the
 * status only to CLOSED.
 */
function mayUpdateTicket(world: RefWorld, actorId: string, ticketId: string, change: RefTicketChange): boolean {
  if (isActiveStaff(findAccount(world, actorId))) return true;
  const grants = ticketGrants(world, actorId, ticketId);
  const manages = grants.some((g) => {
    if (g.reason === 'OWN_TICKET' || g.reason === 'ASSIGNED_SOLVER') return false;
    const role = roleIn(world, actorId, g.via);
    return role === 'ADMINISTRATOR' || role === 'MODERATOR';
  });
  if (manages) return true;
  if (!grants.some((g) => g.reason === 'OWN_TICKET')) return false;
  return change.assigneeId === undefined && (change.status === undefined || change.status === 'CLOSED');
}

export function updateTicketRefusals(world: RefWorld, actorId: string, ticketId: string, change: RefTicketChange): Refusal[] {
  if (unauthenticated(world, actorId)) return ['UNAUTHENTICATED'];
  if (!canSeeTicket(world, actorId, ticketId)) return ['NOT_FOUND'];
  const refusals: Refusal[] = [];
  if (!mayUpdateTicket(world, actorId, ticketId, change)) refusals.push('FORBIDDEN');
  const ticket = findTicket(world, ticketId)!;
  if (change.assigneeId != null && !canBeAssignee(world, change.assigneeId, ticket.companyId)) refusals.push('INVALID_INPUT');
  return refusals;
}

/**
 * A change that `updateTicketRefusals` allows, applied; then its events, both evaluated on the
 * state after the whole change: STATUS_CHANGED when the status differs, ASSIGNED when there is a
 * new (non-null) assignee.
 */
export function updateTicket(world: RefWorld, actorId: string, ticketId: string, change: RefTicketChange): RefEvent[] {
  const ticket = findTicket(world, ticketId);
  if (ticket === undefined) throw new Error(`reference-model: unknown ticket ${ticketId}`);
  const before = { status: statusOf(world, ticketId), assigneeId: ticket.assigneeId };
  if (change.status !== undefined) ticket.status = change.status;
  if (change.assigneeId !== undefined) ticket.assigneeId = change.assigneeId;
  const events: RefEvent[] = [];
  if (statusOf(world, ticketId) !== before.status) events.push({ event: 'STATUS_CHANGED', ticketId, actorId });
  if (ticket.assigneeId !== null && ticket.assigneeId !== before.assigneeId) events.push({ event: 'ASSIGNED', ticketId, actorId });
  return events;
}

/** `setNotificationLevel`: every account its own; staff ADMIN anyone's. */
export function setNotificationLevelRefusals(world: RefWorld, actorId: string, targetId: string): Refusal[] {
  if (unauthenticated(world, actorId)) return ['UNAUTHENTICATED'];
  if (findAccount(world, targetId) === undefined) return ['NOT_FOUND'];
  return targetId === actorId || findAccount(world, actorId)?.staffRole === 'ADMIN' ? [] : ['FORBIDDEN'];
}

export function setNotificationLevel(world: RefWorld, targetId: string, level: NotificationLevel): void {
  const account = findAccount(world, targetId);
  if (account === undefined) throw new Error(`reference-model: unknown account ${targetId}`);
  account.notificationLevel = level;
}
