import DataLoader from 'dataloader';
import type { AccountEntity } from '../modules/account/account.entity';
import type { CompanyEntity } from '../modules/company/company.entity';
import type { InvitationEntity } from '../modules/invitation/invitation.entity';
import type { MembershipEntity } from '../modules/membership/membership.entity';
import type { TicketEntity } from '../modules/ticket/ticket.entity';
import type { TicketCommentEntity } from '../modules/conversation/ticket-comment.entity';
import type { TicketStatusChangeEntity } from '../modules/ticket/ticket-status-change.entity';
import type { WebhookEntity } from '../modules/webhook/webhook.entity';

/**
 * Per-request batch loaders. Every loader reads through its service's visibility scope, so a
 * nested field can never reach a row its viewer must not see: what is not visible loads as null.
 */
export interface Loaders {
  company: DataLoader<string, CompanyEntity | null>;
  account: DataLoader<string, AccountEntity | null>;
  ticket: DataLoader<string, TicketEntity | null>;
  membership: DataLoader<string, MembershipEntity | null>;
  invitation: DataLoader<string, InvitationEntity | null>;
  comment: DataLoader<string, TicketCommentEntity | null>;
  /** Webhooks the viewer manages (its own; staff ADMIN: all), for node(id). */
  webhook: DataLoader<string, WebhookEntity | null>;
  /** The status changes of a ticket the viewer sees, oldest first (Ticket.statusChanges). */
  statusChangesOfTicket: DataLoader<string, TicketStatusChangeEntity[]>;
  childrenOfCompany: DataLoader<string, CompanyEntity[]>;
  /** Visible ancestors of a company, root first (Company.path). */
  pathOfCompany: DataLoader<string, CompanyEntity[]>;
  /** Whether the viewer sees the company's tickets as a whole (who may raise tickets where). */
  companySeenWhole: DataLoader<string, boolean>;
  membershipsOfAccount: DataLoader<string, MembershipEntity[]>;
  /** Ancestors of a company with their depth (Ticket.viewerAccess). */
  ancestorsOfCompany: DataLoader<string, Map<string, number>>;
  /**
   * The company, requester and assignee of a ticket the viewer sees, by primary key alone. The one
   * exception to "every loader reads through a scope", and no hole in it: access-model.md makes
   * them visible whenever the ticket is (a ticket seen by OWN_TICKET or ASSIGNED_SOLVER needs a live,
   * hence active, membership in its company; by COMPANY_WIDE, SUBSIDIARY or FAMILY its company is
   * seen as a whole; requester and assignee of a seen ticket are seen accounts), and a TicketEntity
   * only ever reaches the Ticket type through the ticket scope. Saves the scopes' subqueries on
   * every page of tickets (issue 5, S2). `accountOfVisibleTicket` also serves the other accounts a
   * seen row makes visible by the same rules: the author of a readable comment (conversation.md) and
   * the member of a seen membership (Membership.account).
   */
  /** Whether each account has two-step sign-in on (Account.twoFactorEnabled, read by the account itself and staff). */
  twoFactorEnabled: DataLoader<string, boolean>;
  companyOfVisibleTicket: PrimedLoader<CompanyEntity>;
  accountOfVisibleTicket: PrimedLoader<AccountEntity>;
}

/**
 * A DataLoader that also answers synchronously for keys primed with a value: a field resolver
 * returning the value itself spares the executor a promise per field (a page of 50 tickets has
 * 150 such fields whose values came with the page).
 */
export class PrimedLoader<T> extends DataLoader<string, T | null> {
  private readonly primed = new Map<string, T>();

  override prime(key: string, value: T | null | PromiseLike<T | null> | Error): this {
    if (value !== null && !(value instanceof Error) && typeof (value as PromiseLike<T>).then !== 'function') {
      if (!this.primed.has(key)) this.primed.set(key, value as T);
    }
    return super.prime(key, value);
  }

  override clear(key: string): this {
    this.primed.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.primed.clear();
    return super.clearAll();
  }

  /** The value now when it was primed, else `load(key)`. */
  get(key: string): T | Promise<T | null> {
    return this.primed.get(key) ?? this.load(key);
  }
}
