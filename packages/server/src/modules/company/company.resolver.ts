import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiTokenScope } from '../api-token/api-token.entity';
import type { RequestContext } from '../../kernel/request-context';
import { connectionComplexity } from '../../kernel/complexity';
import { InvitationStatus } from '../invitation/invitation.entity';
import { InvitationService } from '../invitation/invitation.service';
import { InvitationConnection } from '../invitation/invitation.type';
import { MembershipService } from '../membership/membership.service';
import { MembershipConnection } from '../membership/membership.type';
import { ConnectionArgs } from '../../kernel/connection-args';
import { CompanyEntity } from './company.entity';
import { CompanyFilter, CreateCompanyInput, UpdateCompanyInput } from './company.input';
import { CompanyService } from './company.service';
import { Company, CompanyConnection, CompanyPayload, CompanySettings } from './company.type';

@Resolver(() => Company)
export class CompanyResolver {
  constructor(
    private readonly companyService: CompanyService,
    private readonly membershipService: MembershipService,
    private readonly invitationService: InvitationService,
  ) {}

  @Authorized(ApiTokenScope.COMPANIES_READ)
  @Query(() => Company, { nullable: true, description: 'Null when the company does not exist or the viewer does not see it.' })
  company(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return this.companyService.findVisible(ctx, id);
  }

  @Authorized(ApiTokenScope.COMPANIES_READ)
  @Query(() => CompanyConnection, {
    description: 'Staff: every company. Customers: the companies they see (access-model.md).',
    complexity: connectionComplexity,
  })
  companies(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => CompanyFilter, { nullable: true }) filter: CompanyFilter | null,
  ) {
    return this.companyService.list(ctx, { ...args, filter });
  }

  @Authorized(ApiTokenScope.COMPANIES_READ)
  @FieldResolver(() => Company, { nullable: true, description: 'Null for a root, or when the viewer does not see the parent.' })
  parent(@Ctx() ctx: RequestContext, @Root() company: CompanyEntity) {
    return company.parentId ? ctx.loaders.company.load(company.parentId) : null;
  }

  @Authorized(ApiTokenScope.COMPANIES_READ)
  @FieldResolver(() => [Company], { description: 'The ancestors the viewer sees, root first, without the company itself.' })
  path(@Ctx() ctx: RequestContext, @Root() company: CompanyEntity) {
    return ctx.loaders.pathOfCompany.load(company.id);
  }

  @Authorized(ApiTokenScope.COMPANIES_READ)
  @FieldResolver(() => [Company], { description: 'Direct subsidiaries the viewer sees, by name.' })
  children(@Ctx() ctx: RequestContext, @Root() company: CompanyEntity) {
    return ctx.loaders.childrenOfCompany.load(company.id);
  }

  @Authorized(ApiTokenScope.COMPANIES_READ)
  @FieldResolver(() => CompanySettings)
  settings(@Root() company: CompanyEntity): CompanySettings {
    return company;
  }

  @Authorized(ApiTokenScope.MEMBERS_READ)
  @FieldResolver(() => MembershipConnection, {
    description: 'Colleagues: staff, or any role with an active membership in the company.',
    complexity: connectionComplexity,
  })
  memberships(@Ctx() ctx: RequestContext, @Root() company: CompanyEntity, @Args() args: ConnectionArgs) {
    return this.membershipService.listOfCompany(ctx, company.id, args);
  }

  @Authorized(ApiTokenScope.MEMBERS_READ)
  @FieldResolver(() => InvitationConnection, {
    description: 'Staff, or ADMINISTRATORs of the company. Newest first.',
    complexity: connectionComplexity,
  })
  invitations(
    @Ctx() ctx: RequestContext,
    @Root() company: CompanyEntity,
    @Arg('status', () => InvitationStatus, { nullable: true }) status: InvitationStatus | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ) {
    return this.invitationService.listOfCompany(ctx, company.id, { status, first, after });
  }

  @Authorized(ApiTokenScope.COMPANIES_WRITE)
  @Mutation(() => CompanyPayload, { description: 'Staff ADMIN.' })
  createCompany(@Ctx() ctx: RequestContext, @Arg('input') input: CreateCompanyInput) {
    return this.companyService.create(ctx, input);
  }

  @Authorized(ApiTokenScope.COMPANIES_WRITE)
  @Mutation(() => CompanyPayload, { description: 'Staff ADMIN; a company ADMINISTRATOR may change membersSeeCompanyTickets only.' })
  updateCompany(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateCompanyInput) {
    return this.companyService.update(ctx, input);
  }

  @Authorized(ApiTokenScope.COMPANIES_WRITE)
  @Mutation(() => CompanyPayload, { description: 'Staff ADMIN. parentId null makes the company a root (an independent customer).' })
  moveCompany(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | null,
  ) {
    return this.companyService.move(ctx, id, parentId ?? null);
  }
}
