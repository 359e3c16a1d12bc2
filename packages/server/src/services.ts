import type { Config } from './config';
import { AccessService } from './modules/access/access.service';
import { AccountService } from './modules/account/account.service';
import { ApiTokenService } from './modules/api-token/api-token.service';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { CompanyService } from './modules/company/company.service';
import { InvitationService } from './modules/invitation/invitation.service';
import type { Mailer } from './infrastructure/mail/mailer';
import { MembershipService } from './modules/membership/membership.service';
import { TicketService } from './modules/ticket/ticket.service';

export type Services = ReturnType<typeof createServices>;

/** Wires the stateless services once per app; every method takes the request context first. */
export function createServices(config: Config, mailer: Mailer) {
  const audit = new AuditService();
  const access = new AccessService();
  const auth = new AuthService(config, audit);
  const accounts = new AccountService(audit);
  const companies = new CompanyService(audit);
  const memberships = new MembershipService(audit);
  const tickets = new TicketService(audit, companies, access);
  const invitations = new InvitationService(config, mailer, audit, accounts, companies, memberships, auth);
  const apiTokens = new ApiTokenService(audit, companies);
  return { audit, access, auth, accounts, companies, memberships, tickets, invitations, apiTokens };
}
