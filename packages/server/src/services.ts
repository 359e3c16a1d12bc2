import type { Config } from './config';
import { AccessService } from './modules/access/access.service';
import { AccountService } from './modules/account/account.service';
import { ApiTokenService } from './modules/api-token/api-token.service';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { CompanyService } from './modules/company/company.service';
import { InvitationService } from './modules/invitation/invitation.service';
import { MembershipService } from './modules/membership/membership.service';
import { TicketService } from './modules/ticket/ticket.service';
import { ConversationService } from './modules/conversation/conversation.service';
import { NotificationService } from './modules/notification/notification.service';
import { MailDeliveryService } from './modules/mail-delivery/mail-delivery.service';
import { SessionService } from './modules/auth/session.service';
import { PasswordService } from './modules/password/password.service';
import { SignInLogService } from './modules/sign-in-log/sign-in-log.service';
import { TwoFactorService } from './modules/two-factor/two-factor.service';
import { WebhookService } from './modules/webhook/webhook.service';
import { ExportService } from './modules/export/export.service';

export type Services = ReturnType<typeof createServices>;

/** Wires the stateless services once per app; every method takes the request context first. */
export function createServices(config: Config) {
  const audit = new AuditService();
  const access = new AccessService();
  const auth = new AuthService(config, audit);
  const memberships = new MembershipService(audit);
  const accounts = new AccountService(config, audit, memberships);
  const companies = new CompanyService(audit);
  const webhooks = new WebhookService(audit, companies);
  const notifications = new NotificationService(config, audit, webhooks);
  const tickets = new TicketService(audit, companies, access, notifications);
  const conversations = new ConversationService(audit, tickets, notifications);
  const invitations = new InvitationService(config, audit, accounts, companies, memberships, auth);
  const apiTokens = new ApiTokenService(audit, companies);
  return {
    audit,
    access,
    auth,
    accounts,
    companies,
    memberships,
    tickets,
    invitations,
    apiTokens,
    notifications,
    conversations,
    webhooks,
    mailDeliveries: new MailDeliveryService(audit),
    sessions: new SessionService(config, audit),
    passwords: new PasswordService(config, audit, auth),
    signInLog: new SignInLogService(),
    twoFactor: new TwoFactorService(audit, auth),
    exports: new ExportService(tickets, accounts, memberships, audit, notifications),
  };
}
