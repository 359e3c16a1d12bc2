import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';
import { NotificationLevel, StaffRole } from './account.entity';

registerEnumType(StaffRole, { name: 'StaffRole', description: "Role of the service provider's own staff." });
registerEnumType(NotificationLevel, {
  name: 'NotificationLevel',
  description:
    'ALL: every event on tickets the account follows as a whole (staff: every ticket). PARTICIPATING: tickets it takes part in. NONE: no emails.',
});

@ObjectType({ implements: Node, description: 'A person who signs in: provider staff or a customer contact.', simpleResolvers: true })
export class Account extends Node {
  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field({ description: 'Preferred language (BCP 47), used for emails and the web client.' })
  language: string;

  @Field(() => StaffRole, { nullable: true, description: 'Null for customer accounts.' })
  staffRole: StaffRole | null;

  @Field()
  disabled: boolean;
}

export const AccountConnection = connectionOf(Account, 'Account');

@ObjectType({ simpleResolvers: true })
export class AccountPayload {
  @Field(() => Account, { nullable: true })
  account: Account | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
