import type { RequestContext } from '../../kernel/request-context';
import { isStaff, isStaffAdmin } from '../access/policies';
import { AccessReason, Grant } from '../access/access.type';
import { WIDE_REASONS } from '../access/access.service';
import { Role } from '../membership/membership.entity';
import { TicketStatus } from './ticket.entity';
import { UpdateTicketInput } from './ticket.input';

/**
 * access-model.md "create a ticket in company X": staff any X; a customer where it holds a live
 * membership, or where it sees X's tickets company-wide (one batched query per request for the latter).
 */
export async function canRaiseTicketsIn(ctx: RequestContext, companyId: string): Promise<boolean> {
  const g = await ctx.grants();
  if (!g) return true;
  if (g.liveCompanyIds.includes(companyId)) return true;
  return ctx.loaders.companySeenWhole.load(companyId);
}

/** Staff ADMIN raises tickets for anyone; everyone else only for themselves. */
export const canRaiseTicketFor = (ctx: RequestContext, requesterId: string) => isStaffAdmin(ctx) || requesterId === ctx.viewer?.account.id;

/**
 * access-model.md "update title / status / assignee": staff always; ADMINISTRATORs and MODERATORs
 * on tickets they see company-wide (COMPANY_WIDE, SUBSIDIARY, FAMILY) through that membership; a
 * requester on an own ticket only its title, and the status only to CLOSED. A MEMBER who sees the
 * company's tickets (membersSeeCompanyTickets) is still a MEMBER: own tickets only.
 */
export async function canUpdateTicket(ctx: RequestContext, grants: Grant[], change: UpdateTicketInput): Promise<boolean> {
  if (isStaff(ctx)) return true;
  const viewer = await ctx.grants();
  const manages = (g: Grant) => {
    const role = viewer?.roleIn(g.viaCompanyId);
    return WIDE_REASONS.has(g.reason) && (role === Role.ADMINISTRATOR || role === Role.MODERATOR);
  };
  if (grants.some(manages)) return true;
  if (!grants.some((g) => g.reason === AccessReason.OWN_TICKET)) return false;
  const touchesAssignee = change.assigneeId !== undefined;
  const statusAllowed = change.status == null || change.status === TicketStatus.CLOSED;
  return !touchesAssignee && statusAllowed;
}

/** What the viewer may change on a ticket it sees, for clients to hide the rest (updateTicket still checks). */
export async function ticketPermissions(ctx: RequestContext, ticketId: string, grants: Grant[]) {
  const may = (change: Omit<UpdateTicketInput, 'id'>) => canUpdateTicket(ctx, grants, { id: ticketId, ...change } as UpdateTicketInput);
  const [rename, close, changeStatus, assign] = await Promise.all([
    may({ title: 'title' }),
    may({ status: TicketStatus.CLOSED }),
    may({ status: TicketStatus.OPEN }),
    may({ assigneeId: null }),
  ]);
  return { rename, close, changeStatus, assign };
}
