import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { Account } from '../account/account.type';
import { AuthService } from './auth.service';
import { SignInPayload } from './auth.type';

@Resolver()
export class AuthResolver {
  constructor(private readonly authService: AuthService) {}

  @Query(() => Account, { nullable: true, description: 'The signed-in account; null when signed out.' })
  viewer(@Ctx() ctx: RequestContext) {
    return ctx.viewer?.account ?? null;
  }

  @Mutation(() => SignInPayload, { description: 'Returns a bearer token (and sets the session cookie for the SPA).' })
  signIn(@Ctx() ctx: RequestContext, @Arg('email') email: string, @Arg('password') password: string) {
    return this.authService.signIn(ctx, email, password);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session; false when there was none.' })
  signOut(@Ctx() ctx: RequestContext) {
    return this.authService.signOut(ctx);
  }
}
