import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorCode } from './errors';

registerEnumType(ErrorCode, { name: 'ErrorCode', description: 'Why a mutation did not happen.' });

@ObjectType({ description: 'An expected failure of a mutation; nothing was changed.', simpleResolvers: true })
export class UserError {
  @Field(() => ErrorCode)
  code: ErrorCode;

  @Field()
  message: string;

  @Field(() => [String], { nullable: true, description: 'Path of the input field at fault.' })
  field: string[] | null;
}

@ObjectType({ description: 'The outcome of a mutation that returns nothing else.', simpleResolvers: true })
export class OkPayload {
  @Field({ description: 'True when the change was made; false with userErrors otherwise.' })
  ok: boolean;

  @Field(() => [UserError])
  userErrors: UserError[];
}
