import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { RequestContext } from '../../kernel/request-context';
import { connectionComplexity } from '../../kernel/complexity';
import { ConnectionArgs } from '../../kernel/connection-args';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';
import { AuditEventEntity } from './audit-event.entity';
import { AuditEventFilter } from './audit.input';
import { AuditService } from './audit.service';
import { AuditEvent, AuditEventConnection } from './audit.type';

@Resolver(() => AuditEvent)
export class AuditResolver {
  constructor(private readonly auditService: AuditService) {}

  @Authorized(ApiTokenScope.AUDIT_READ)
  @Query(() => AuditEventConnection, {
    description: 'Staff: changes of access, newest first; optionally of one company, of some actions, by one actor, in a time window.',
    complexity: connectionComplexity,
  })
  auditEvents(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('companyId', () => ID, { nullable: true }) companyId: string | null,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
  ) {
    return this.auditService.list(ctx, { ...args, companyId, ...filter });
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Who did it; null for anonymous attempts.' })
  actor(@Ctx() ctx: RequestContext, @Root() event: AuditEventEntity) {
    return event.actorId ? ctx.loaders.account.load(event.actorId) : null;
  }

  @FieldResolver(() => Company, { nullable: true })
  company(@Ctx() ctx: RequestContext, @Root() event: AuditEventEntity) {
    return event.companyId ? ctx.loaders.company.load(event.companyId) : null;
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'State before the change.' })
  before(@Root() event: AuditEventEntity) {
    return event.before ? JSON.parse(event.before) : null;
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'State after the change.' })
  after(@Root() event: AuditEventEntity) {
    return event.after ? JSON.parse(event.after) : null;
  }
}
