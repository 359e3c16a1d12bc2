import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Account } from '../account/account.type';
import { Company } from '../company/company.type';

export enum AccessReason {
  OWN_TICKET = 'OWN_TICKET',
  ASSIGNED_SOLVER = 'ASSIGNED_SOLVER',
  COMPANY_WIDE = 'COMPANY_WIDE',
  SUBSIDIARY = 'SUBSIDIARY',
  FAMILY = 'FAMILY',
}

registerEnumType(AccessReason, { name: 'AccessReason', description: 'Why a customer account sees a ticket (access-model.md).' });

/** A grant as computed by the services: the company is resolved by the field resolver. */
export interface Grant {
  reason: AccessReason;
  viaCompanyId: string;
}

@ObjectType({ description: 'One reason an account sees tickets, and the company whose membership grants it.', simpleResolvers: true })
export class AccessGrant {
  @Field(() => AccessReason)
  reason: AccessReason;
}

@ObjectType({ simpleResolvers: true })
export class TicketAccess {
  @Field(() => Account)
  account: Account;

  @Field(() => [AccessGrant])
  grants: AccessGrant[];
}

@ObjectType({ simpleResolvers: true })
export class CompanyAccess {
  @Field(() => Company)
  company: Company;

  @Field(() => [AccessGrant])
  grants: AccessGrant[];
}
