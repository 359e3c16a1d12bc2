import type { RequestContext } from '../../graphql/context';
import { isStaff, isStaffAdmin } from '../access/policies';
import { AccessReason, Grant } from '../access/access.type';
import { WIDE_REASONS } from '../access/access.service';
import { TicketStatus } from './ticket.entity';
import { UpdateTicketInput } from './ticket.input';

/** Staff ADMIN raises tickets for anyone; everyone else only for themselves. */
export const canRaiseTicketFor = (ctx: RequestContext, requesterId: string) => isStaffAdmin(ctx) || requesterId === ctx.viewer?.account.id;

/**
 * access-model.md "update title / status / assignee": staff always; customers on tickets they see
 * company-wide (COMPANY_WIDE, SUBSIDIARY, FAMILY); a requester on an own ticket only its title,
 * and the status only to CLOSED.
 */
export function canUpdateTicket(ctx: RequestContext, grants: Grant[], change: UpdateTicketInput): boolean {
  if (isStaff(ctx)) return true;
  if (grants.some((g) => WIDE_REASONS.has(g.reason))) return true;
  if (!grants.some((g) => g.reason === AccessReason.OWN_TICKET)) return false;
  const touchesAssignee = change.assigneeId !== undefined;
  const statusAllowed = change.status == null || change.status === TicketStatus.CLOSED;
  return !touchesAssignee && statusAllowed;
}
