import { EntityManager } from 'typeorm';
import { Role } from '../modules/membership/membership.entity';
import { Capability, hasCapability } from '../modules/membership/capabilities';
import { sqlBoolean } from '../shared/sql-values';

/** One membership of the viewer in a portal-enabled company, with what it grants. */
export interface ActiveMembership {
  companyId: string;
  parentId: string | null;
  /** The root of the company's tree. */
  rootId: string;
  role: Role;
  capabilities: number;
  live: boolean;
  companyWide: boolean;
  subsidiaryTicketsVisible: boolean;
  shareTicketsWithFamily: boolean;
}

/**
 * What a customer viewer's memberships grant, read once per request from the current state
 * (access-model.md: grants are evaluated at every request). Every visibility scope is built
 * from these id lists, so a scope is a handful of indexed IN conditions whatever the tree depth.
 */
export class ViewerGrants {
  /** Companies with an active membership: the viewer sees them and acts in them by role. */
  readonly activeCompanyIds: string[];
  /** Live memberships: own tickets are visible there. */
  readonly liveCompanyIds: string[];
  /** Live memberships with SOLVER: assigned tickets are visible there. */
  readonly solverCompanyIds: string[];
  /** Company-wide live memberships (COMPANY_WIDE). */
  readonly wideCompanyIds: string[];
  /** Company-wide companies with subsidiaryTicketsVisible: their descendants (SUBSIDIARY). */
  readonly subsidiaryRootIds: string[];
  /** Parents of company-wide companies with shareTicketsWithFamily: the parent and its children (FAMILY). */
  readonly familyParentIds: string[];
  /** Roots of SUBSIDIARY grants that are tree roots: every company of their tree is seen as a whole. */
  readonly wholeTreeRootIds: string[];
  /** The trees of the active memberships: every ticket the viewer sees lies in one of them. */
  readonly treeRootIds: string[];

  constructor(
    readonly accountId: string,
    readonly memberships: ActiveMembership[],
    /** An API token restricted to a company: every scope is narrowed to that company's subtree. */
    readonly restrictToCompanyId: string | null = null,
    /** A staff viewer (only ever here with a restriction: unrestricted staff have no grants at all). */
    readonly isStaff = false,
  ) {
    const ids = (pick: (m: ActiveMembership) => boolean) => memberships.filter(pick).map((m) => m.companyId);
    this.activeCompanyIds = ids(() => true);
    this.liveCompanyIds = ids((m) => m.live);
    this.solverCompanyIds = ids((m) => m.live && hasCapability(m.capabilities, Capability.SOLVER));
    this.wideCompanyIds = ids((m) => m.companyWide);
    this.subsidiaryRootIds = ids((m) => m.companyWide && m.subsidiaryTicketsVisible);
    this.familyParentIds = [
      ...new Set(memberships.filter((m) => m.companyWide && m.shareTicketsWithFamily && m.parentId).map((m) => m.parentId!)),
    ];
    this.wholeTreeRootIds = ids((m) => m.companyWide && m.subsidiaryTicketsVisible && m.parentId === null);
    this.treeRootIds = [...new Set(memberships.map((m) => m.rootId))];
  }

  roleIn(companyId: string): Role | null {
    return this.memberships.find((m) => m.companyId === companyId)?.role ?? null;
  }

  /** Whether any grant can reach beyond the viewer's own companies. */
  get seesBeyondOwnCompanies(): boolean {
    return this.subsidiaryRootIds.length > 0 || this.familyParentIds.length > 0;
  }
}

/** One row of the viewer's memberships in portal-enabled companies, as `MEMBERSHIP_GRANT_COLUMNS` selects it. */
export interface MembershipGrantRow {
  company_id: string;
  parent_id: string | null;
  root_id: string;
  role: Role;
  capabilities: number | string;
  members_see_company_tickets: number | boolean | string;
  subsidiary_tickets_visible: number | boolean | string;
  share_tickets_with_family: number | boolean | string;
}

/** The columns of a `MembershipGrantRow`, from `membership m` joined with its portal-enabled `company c`. */
export const MEMBERSHIP_GRANT_COLUMNS = `m.company_id, c.parent_id, c.root_id, m.role, m.capabilities,
            c.members_see_company_tickets, c.subsidiary_tickets_visible, c.share_tickets_with_family`;

/** The grants of a customer account from its membership rows (memberships in portal-enabled companies only). */
export function viewerGrantsFromRows(
  accountId: string,
  rows: MembershipGrantRow[],
  restrictToCompanyId: string | null = null,
): ViewerGrants {
  return new ViewerGrants(
    accountId,
    rows.map((r) => {
      const capabilities = Number(r.capabilities);
      const live = hasCapability(capabilities, Capability.TICKETS);
      return {
        companyId: r.company_id,
        parentId: r.parent_id,
        rootId: r.root_id,
        role: r.role,
        capabilities,
        live,
        companyWide: live && (r.role !== Role.MEMBER || sqlBoolean(r.members_see_company_tickets)),
        subsidiaryTicketsVisible: sqlBoolean(r.subsidiary_tickets_visible),
        shareTicketsWithFamily: sqlBoolean(r.share_tickets_with_family),
      };
    }),
    restrictToCompanyId,
  );
}

/** Loads the grants of a (not disabled) customer account: one indexed query. */
export async function loadViewerGrants(
  db: EntityManager,
  accountId: string,
  restrictToCompanyId: string | null = null,
): Promise<ViewerGrants> {
  const rows: MembershipGrantRow[] = await db.query(
    `SELECT ${MEMBERSHIP_GRANT_COLUMNS}
       FROM membership m JOIN company c ON c.id = m.company_id
      WHERE m.account_id = ? AND c.portal_enabled = 1`,
    [accountId],
  );
  return viewerGrantsFromRows(accountId, rows, restrictToCompanyId);
}
