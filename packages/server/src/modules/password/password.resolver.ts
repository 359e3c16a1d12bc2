import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { OkPayload } from '../../shared/payload';
import { SignInPayload } from '../auth/auth.type';
import { PasswordService } from './password.service';
import { RequestPasswordResetPayload } from './password.type';

@Resolver()
export class PasswordResolver {
  constructor(private readonly passwordService: PasswordService) {}

  @Mutation(() => RequestPasswordResetPayload, {
    description: 'Mails a reset link (60 minutes, single-use) when the email belongs to an enabled account; the same answer otherwise.',
  })
  requestPasswordReset(@Ctx() ctx: RequestContext, @Arg('email') email: string) {
    return this.passwordService.requestReset(ctx, email);
  }

  @Mutation(() => SignInPayload, {
    description: 'Sets a new password with the emailed token, ends every session of the account and signs in.',
  })
  resetPassword(@Ctx() ctx: RequestContext, @Arg('token') token: string, @Arg('password') password: string) {
    return this.passwordService.reset(ctx, token, password);
  }

  @Authorized()
  @Mutation(() => OkPayload, { description: 'From a signed-in session: a new password; every other session of the account ends.' })
  changePassword(@Ctx() ctx: RequestContext, @Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string) {
    return this.passwordService.change(ctx, currentPassword, newPassword);
  }
}
