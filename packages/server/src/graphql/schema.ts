import { AccountTwoFactorResolver, TwoFactorResolver } from '../modules/two-factor/two-factor.resolver';
import { CompanySignInLogResolver, SignInEventResolver } from '../modules/sign-in-log/sign-in-log.resolver';
import { AccountSessionsResolver, SessionResolver } from '../modules/auth/session.resolver';
import { PasswordResolver } from '../modules/password/password.resolver';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AuthChecker, buildSchemaSync, ContainerType, getMetadataStorage } from 'type-graphql';
import type { Services } from '../services';
import { AccessGrantResolver, AccessResolver, CompanyAccessResolver, TicketAccessResolver } from '../modules/access/access.resolver';
import { AccountResolver } from '../modules/account/account.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuthResolver } from '../modules/auth/auth.resolver';
import { CompanyPermissionsResolver } from '../modules/company/company-permissions.resolver';
import { CompanyResolver } from '../modules/company/company.resolver';
import { InvitationPreviewResolver } from '../modules/invitation/invitation-preview.resolver';
import { InvitationResolver } from '../modules/invitation/invitation.resolver';
import { MembershipResolver } from '../modules/membership/membership.resolver';
import { TicketViewerResolver } from '../modules/ticket/ticket-viewer.resolver';
import { TicketResolver } from '../modules/ticket/ticket.resolver';
import { TicketCommentResolver, TicketConversationResolver } from '../modules/conversation/conversation.resolver';
import { AccountNotificationResolver } from '../modules/notification/notification.resolver';
import { MailDeliveryResolver } from '../modules/mail-delivery/mail-delivery.resolver';
import { TicketHistoryResolver, TicketStatusChangeResolver } from '../modules/ticket/ticket-status-change.resolver';
import type { RequestContext } from '../kernel/request-context';
import { returnUserErrorsFromMutations } from './errors';
import { DateTimeScalar } from '../kernel/date-time';
import { assertDeclaredReads } from '../kernel/selection';
import { enforceDeadline } from './deadline';
import { meterListWork } from './list-work';
import { NodeResolver } from './node.resolver';
import { installFastResolvers } from '../execution';
import type { FastPathCounters } from '../execution/fast-path-counters';
import { UnauthenticatedError, forbidden } from '../shared/errors';
import { ApiTokenScope } from '../modules/api-token/api-token.entity';
import { AccountApiTokensResolver, ApiTokenResolver } from '../modules/api-token/api-token.resolver';
import { AccountWebhooksResolver, WebhookResolver } from '../modules/webhook/webhook.resolver';

/**
 * `@Authorized()` means "signed in"; `@Authorized(scope)` also requires that scope of a request made
 * with an API token. What a signed-in viewer may do is decided by the module policies.
 */
const authChecker: AuthChecker<RequestContext> = ({ context }, scopes) => {
  if (!context.viewer) throw new UnauthenticatedError();
  const token = context.viewer.apiToken;
  const missing = token ? scopes.find((scope) => !token.scopes.has(scope as ApiTokenScope)) : undefined;
  if (missing) throw forbidden(`This API token lacks the ${missing} scope`);
  return true;
};

const resolverClasses = [
  NodeResolver,
  AuthResolver,
  AccountResolver,
  CompanyResolver,
  MembershipResolver,
  InvitationResolver,
  TicketResolver,
  AccessResolver,
  AccessGrantResolver,
  TicketAccessResolver,
  CompanyAccessResolver,
  AuditResolver,
  CompanyPermissionsResolver,
  InvitationPreviewResolver,
  TicketViewerResolver,
  ApiTokenResolver,
  AccountApiTokensResolver,
  TicketCommentResolver,
  TicketConversationResolver,
  AccountNotificationResolver,
  MailDeliveryResolver,
  TicketHistoryResolver,
  TicketStatusChangeResolver,
  AccountSessionsResolver,
  SessionResolver,
  PasswordResolver,
  CompanySignInLogResolver,
  SignInEventResolver,
  TwoFactorResolver,
  AccountTwoFactorResolver,
  WebhookResolver,
  AccountWebhooksResolver,
] as const;

/** Resolver instances get their services through the constructor, wired here explicitly. */
function container(s: Services): ContainerType {
  const instances = new Map<unknown, unknown>([
    [NodeResolver, new NodeResolver()],
    [AuthResolver, new AuthResolver(s.auth)],
    [AccountSessionsResolver, new AccountSessionsResolver(s.sessions)],
    [SessionResolver, new SessionResolver(s.sessions)],
    [PasswordResolver, new PasswordResolver(s.passwords)],
    [CompanySignInLogResolver, new CompanySignInLogResolver(s.signInLog)],
    [SignInEventResolver, new SignInEventResolver()],
    [TwoFactorResolver, new TwoFactorResolver(s.twoFactor)],
    [AccountTwoFactorResolver, new AccountTwoFactorResolver(s.twoFactor)],
    [AccountResolver, new AccountResolver(s.accounts, s.memberships)],
    [CompanyResolver, new CompanyResolver(s.companies, s.memberships, s.invitations)],
    [MembershipResolver, new MembershipResolver(s.memberships)],
    [InvitationResolver, new InvitationResolver(s.invitations)],
    [TicketResolver, new TicketResolver(s.tickets)],
    [AccessResolver, new AccessResolver(s.access)],
    [AccessGrantResolver, new AccessGrantResolver()],
    [TicketAccessResolver, new TicketAccessResolver()],
    [CompanyAccessResolver, new CompanyAccessResolver()],
    [AuditResolver, new AuditResolver(s.audit)],
    [CompanyPermissionsResolver, new CompanyPermissionsResolver()],
    [InvitationPreviewResolver, new InvitationPreviewResolver(s.invitations)],
    [TicketViewerResolver, new TicketViewerResolver(s.access)],
    [ApiTokenResolver, new ApiTokenResolver(s.apiTokens)],
    [AccountApiTokensResolver, new AccountApiTokensResolver(s.apiTokens)],
    [TicketCommentResolver, new TicketCommentResolver(s.conversations)],
    [TicketConversationResolver, new TicketConversationResolver(s.conversations)],
    [AccountNotificationResolver, new AccountNotificationResolver(s.notifications)],
    [MailDeliveryResolver, new MailDeliveryResolver(s.mailDeliveries)],
    [TicketHistoryResolver, new TicketHistoryResolver()],
    [TicketStatusChangeResolver, new TicketStatusChangeResolver()],
    [WebhookResolver, new WebhookResolver(s.webhooks)],
    [AccountWebhooksResolver, new AccountWebhooksResolver(s.webhooks)],
  ]);
  return {
    get(someClass) {
      const instance = instances.get(someClass);
      if (!instance) throw new Error(`No instance wired for ${String((someClass as { name?: string }).name)}`);
      return instance;
    },
  };
}

/**
 * Every object type declares `simpleResolvers: true`: its plain fields are property reads, not
 * TypeGraphQL's middleware runner (a wrapper and an allocation per field, ~600 on a page of 50
 * tickets; graphql-jit also inlines fields without a resolver). Such types skip `@Authorized` and
 * `@UseMiddleware` on plain fields; this API authorizes in resolvers and policies, never on a plain
 * field, and refuses to build a schema where one appears.
 */
function refuseFieldLevelAuthorization(): void {
  const guarded = getMetadataStorage().fields.filter((field) => field.roles !== undefined || (field.middlewares?.length ?? 0) > 0);
  if (guarded.length > 0) {
    const names = guarded.map((field) => `${field.target.name}.${field.name}`).join(', ');
    throw new Error(`@Authorized or @UseMiddleware on plain fields (${names}): put the check in the resolver or the policy`);
  }
}

export function buildApiSchema(services: Services, fastPaths: FastPathCounters): GraphQLSchema {
  refuseFieldLevelAuthorization();
  const resolvers = container(services);
  const schema = buildSchemaSync({
    resolvers: [...resolverClasses],
    container: resolvers,
    authChecker,
    validate: { forbidUnknownValues: false },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  // what field resolvers declare they read (@Reads) must be columns of their entities: projections are built from it
  assertDeclaredReads();
  // the fast resolvers first (execution/README.md): the wrappers below then wrap them like any other
  installFastResolvers(schema, resolvers, fastPaths);
  returnUserErrorsFromMutations(schema);
  enforceDeadline(schema);
  // the work of counts and searches, for the rate limiter's actual cost (outermost wrapper)
  meterListWork(schema);
  return schema;
}

/** The committed contract file's text: sorted, so the file changes only when the schema does. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `# Emitted by packages/server (pnpm schema:emit). Do not edit: change the resolvers.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
