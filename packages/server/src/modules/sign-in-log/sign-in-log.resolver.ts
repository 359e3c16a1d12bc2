import { Args, Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { connectionComplexity } from '../../kernel/complexity';
import { ConnectionArgs } from '../../kernel/connection-args';
import type { RequestContext } from '../../kernel/request-context';
import { Account } from '../account/account.type';
import { ApiTokenScope } from '../api-token/api-token.entity';
import { CompanyEntity } from '../company/company.entity';
import { Company } from '../company/company.type';
import { SignInEventEntity } from './sign-in-event.entity';
import { SignInEvent, SignInEventConnection } from './sign-in-event.type';
import { SignInLogService } from './sign-in-log.service';

@Resolver(() => Company)
export class CompanySignInLogResolver {
  constructor(private readonly signInLog: SignInLogService) {}

  @Authorized(ApiTokenScope.AUDIT_READ)
  @FieldResolver(() => SignInEventConnection, {
    description:
      "Sign-ins and failed sign-ins of the company's members in the last 30 days, newest first: staff and the company's ADMINISTRATORs.",
    complexity: connectionComplexity,
  })
  signInEvents(@Ctx() ctx: RequestContext, @Root() company: CompanyEntity, @Args() args: ConnectionArgs) {
    return this.signInLog.listOfCompany(ctx, company.id, args);
  }
}

@Resolver(() => SignInEvent)
export class SignInEventResolver {
  @FieldResolver(() => Date)
  at(@Root() event: SignInEventEntity): Date {
    return event.createdAt;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'Null when the viewer does not see the account.' })
  account(@Ctx() ctx: RequestContext, @Root() event: SignInEventEntity) {
    return event.accountId ? ctx.loaders.account.load(event.accountId) : null;
  }
}
