import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/request-context';
import { CompanyEntity } from './company.entity';
import { companyPermissions } from './company.policy';
import { CompanyPermissions } from './company-permissions.type';
import { Company } from './company.type';

@Resolver(() => Company)
export class CompanyPermissionsResolver {
  @FieldResolver(() => CompanyPermissions, { description: 'What the viewer may do here; actions it may not take are hidden by clients.' })
  viewerCan(@Ctx() ctx: RequestContext, @Root() company: CompanyEntity) {
    return companyPermissions(ctx, company.id);
  }
}
