import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { connectionOf } from '../../shared/pagination';
import { UserError } from '../../shared/payload';

@ObjectType({ description: 'Per-company switches of access-model.md.', simpleResolvers: true })
export class CompanySettings {
  @Field({ description: 'False: memberships in this company grant nothing at all.' })
  portalEnabled: boolean;

  @Field({ description: 'MEMBERs see every ticket of the company, not only their own.' })
  membersSeeCompanyTickets: boolean;

  @Field({ description: 'Company-wide viewers of this company also see every ticket of all its descendants.' })
  subsidiaryTicketsVisible: boolean;

  @Field({ description: 'Company-wide viewers of this company also see every ticket of its parent and of its siblings.' })
  shareTicketsWithFamily: boolean;

  @Field({ description: 'Every account with an active membership here must use two-step sign-in (staff ADMIN sets it).' })
  twoFactorRequired: boolean;
}

@ObjectType({ implements: Node, description: 'A customer of the service provider; companies form a forest.', simpleResolvers: true })
export class Company extends Node {
  @Field()
  name: string;
}

export const CompanyConnection = connectionOf(Company, 'Company');

@ObjectType({ simpleResolvers: true })
export class CompanyPayload {
  @Field(() => Company, { nullable: true })
  company: Company | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
