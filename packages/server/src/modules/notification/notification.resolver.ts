import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Mutation, registerEnumType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { AccountEntity, NotificationLevel } from '../account/account.entity';
import { Account, AccountPayload } from '../account/account.type';
import { NotificationService } from './notification.service';
import { NotificationEvent } from './notification-mail';

registerEnumType(NotificationEvent, { name: 'NotificationEvent' });

@InputType()
export class SetNotificationLevelInput {
  @Field(() => ID, { nullable: true, description: 'Default: the viewer. Another account: staff ADMIN only.' })
  accountId?: string | null;

  @Field(() => NotificationLevel)
  level: NotificationLevel;
}

@Resolver(() => Account)
export class AccountNotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @FieldResolver(() => NotificationLevel, { nullable: true, description: 'The account itself and staff only; null for anyone else.' })
  notificationLevel(@Ctx() ctx: RequestContext, @Root() account: AccountEntity) {
    return this.notifications.levelVisibleTo(ctx, account);
  }

  @Authorized()
  @Mutation(() => AccountPayload, {
    description: "Which ticket emails an account gets: its own (a session, not an API token) or, staff ADMIN, anyone's.",
  })
  setNotificationLevel(@Ctx() ctx: RequestContext, @Arg('input') input: SetNotificationLevelInput) {
    return this.notifications.setLevel(ctx, input);
  }
}
