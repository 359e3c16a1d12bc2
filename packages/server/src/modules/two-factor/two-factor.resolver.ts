import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { OkPayload } from '../../shared/payload';
import { AccountEntity } from '../account/account.entity';
import { Account } from '../account/account.type';
import { SignInPayload } from '../auth/auth.type';
import { TwoFactorService } from './two-factor.service';
import { TwoFactorConfirmationPayload, TwoFactorEnrollmentPayload } from './two-factor.type';

@Resolver()
export class TwoFactorResolver {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Mutation(() => SignInPayload, {
    description: 'The second step of a sign-in: a TOTP code or a recovery code; returns the session as signIn does.',
  })
  completeSignIn(@Ctx() ctx: RequestContext, @Arg('challenge') challenge: string, @Arg('code') code: string) {
    return this.twoFactor.completeSignIn(ctx, challenge, code);
  }

  @Mutation(() => TwoFactorEnrollmentPayload, {
    description: 'With a session, for the viewer; with a challenge, during a required enrolment.',
  })
  beginTwoFactorEnrollment(@Ctx() ctx: RequestContext, @Arg('challenge', () => String, { nullable: true }) challenge: string | null) {
    return this.twoFactor.beginEnrollment(ctx, challenge);
  }

  @Mutation(() => TwoFactorConfirmationPayload, {
    description: 'The first code turns two-step sign-in on; returns the recovery codes (and, with a challenge, the session).',
  })
  confirmTwoFactorEnrollment(
    @Ctx() ctx: RequestContext,
    @Arg('code') code: string,
    @Arg('challenge', () => String, { nullable: true }) challenge: string | null,
  ) {
    return this.twoFactor.confirmEnrollment(ctx, code, challenge);
  }

  @Authorized()
  @Mutation(() => OkPayload, { description: 'Turns two-step sign-in off (the password again), unless a policy requires it.' })
  disableTwoFactor(@Ctx() ctx: RequestContext, @Arg('password') password: string) {
    return this.twoFactor.disable(ctx, password);
  }
}

@Resolver(() => Account)
export class AccountTwoFactorResolver {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @FieldResolver(() => Boolean, { nullable: true, description: 'The account itself and staff; null for anyone else.' })
  twoFactorEnabled(@Ctx() ctx: RequestContext, @Root() account: AccountEntity) {
    return this.twoFactor.enabledOf(ctx, account.id);
  }
}
