/**
 * A tiny builder of reference-model worlds (test/reference-model.ts) for the hand-written examples
 * of its self-tests (reference-model.selftest.ts, conversation/notification-model.selftest.ts).
 */
import {
  Capability,
  DEFAULT_CAPABILITIES,
  RefAccount,
  RefCompany,
  RefMembership,
  RefTicket,
  RefWorld,
  Role,
  StaffRole,
  TicketStatus,
} from '../reference-model';

/** A company with the portal enabled and every other setting off, unless `settings` says otherwise. */
export function company(id: string, parentId: string | null = null, settings: Partial<RefCompany> = {}): RefCompany {
  return {
    id,
    parentId,
    portalEnabled: true,
    membersSeeCompanyTickets: false,
    subsidiaryTicketsVisible: false,
    shareTicketsWithFamily: false,
    ...settings,
  };
}

/** An enabled customer account, unless `extra` says otherwise. */
export function customer(id: string, extra: Partial<RefAccount> = {}): RefAccount {
  return { id, staffRole: null, disabled: false, ...extra };
}

/** An enabled staff account, unless `extra` says otherwise. */
export function staff(id: string, staffRole: StaffRole, extra: Partial<RefAccount> = {}): RefAccount {
  return { id, staffRole, disabled: false, ...extra };
}

/** A membership with the role's default capabilities, unless `capabilities` are given. */
export function membership(id: string, accountId: string, companyId: string, role: Role, capabilities?: Capability[]): RefMembership {
  return { id, accountId, companyId, role, capabilities: capabilities ?? [...DEFAULT_CAPABILITIES[role]] };
}

export function ticket(
  id: string,
  companyId: string,
  requesterId: string | null,
  assigneeId: string | null = null,
  status?: TicketStatus,
): RefTicket {
  return { id, companyId, requesterId, assigneeId, ...(status === undefined ? {} : { status }) };
}

export function world(parts: Partial<RefWorld>): RefWorld {
  return { companies: [], accounts: [], memberships: [], tickets: [], ...parts };
}

export function sorted(ids: Iterable<string>): string[] {
  return [...ids].sort();
}
