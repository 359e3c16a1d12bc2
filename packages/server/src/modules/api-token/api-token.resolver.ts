import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { AccountEntity } from '../account/account.entity';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';
import { ApiTokenEntity, ApiTokenScope } from './api-token.entity';
import { CreateApiTokenInput } from './api-token.input';
import { ApiTokenService } from './api-token.service';
import { ApiToken, ApiTokenPayload, CreateApiTokenPayload } from './api-token.type';

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(private readonly apiTokenService: ApiTokenService) {}

  @FieldResolver(() => [ApiTokenScope])
  scopes(@Root() token: ApiTokenEntity): ApiTokenScope[] {
    return token.scopes.split(',') as ApiTokenScope[];
  }

  @FieldResolver(() => Company, { nullable: true, description: 'The restriction: this company and its descendants.' })
  company(@Ctx() ctx: RequestContext, @Root() token: ApiTokenEntity) {
    return token.companyId ? ctx.loaders.company.load(token.companyId) : null;
  }

  @Authorized()
  @Mutation(() => CreateApiTokenPayload, { description: 'Creates a personal API token (needs a session, not a token).' })
  createApiToken(@Ctx() ctx: RequestContext, @Arg('input') input: CreateApiTokenInput) {
    return this.apiTokenService.create(ctx, input);
  }

  @Authorized()
  @Mutation(() => ApiTokenPayload, {
    description: 'Revokes an own token (staff ADMIN: any token), from a session; it stops working at once.',
  })
  revokeApiToken(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.apiTokenService.revoke(ctx, id);
  }
}

@Resolver(() => Account)
export class AccountApiTokensResolver {
  constructor(private readonly apiTokenService: ApiTokenService) {}

  @FieldResolver(() => [ApiToken], {
    description: 'The account itself (an API token needs TOKENS_READ) or a staff ADMIN: its API tokens, newest first.',
  })
  apiTokens(@Ctx() ctx: RequestContext, @Root() account: AccountEntity) {
    return this.apiTokenService.listOfAccount(ctx, account.id);
  }
}
