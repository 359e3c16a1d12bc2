import DataLoader from 'dataloader';
import type { RequestContext } from '../kernel/request-context';
import { PrimedLoader, type Loaders } from '../kernel/loaders';
import type { Services } from '../services';
import { selectEntities, selectRows } from '../db/raw-entities';
import { AccountEntity } from '../modules/account/account.entity';
import { CompanyEntity } from '../modules/company/company.entity';

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new PrimedLoader<T>(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** The per-request loaders over the app's services: injected into every request context as `loadersFor`. */
export function createLoaders(ctx: RequestContext, s: Services): Loaders {
  return {
    company: byId((ids) => s.companies.findVisibleByIds(ctx, ids)),
    account: byId((ids) => s.accounts.findVisibleByIds(ctx, ids)),
    ticket: byId((ids) => s.tickets.findVisibleByIds(ctx, ids)),
    membership: byId((ids) => s.memberships.findVisibleByIds(ctx, ids)),
    invitation: byId((ids) => s.invitations.findVisibleByIds(ctx, ids)),
    comment: byId((ids) => s.conversations.findVisibleByIds(ctx, ids)),
    webhook: byId((ids) => s.webhooks.findManageableByIds(ctx, ids)),
    statusChangesOfTicket: new DataLoader((ids) => s.tickets.statusChangesOf(ctx, ids)),
    childrenOfCompany: new DataLoader((ids) => s.companies.visibleChildrenOf(ctx, ids)),
    pathOfCompany: new DataLoader((ids) => s.companies.visiblePathsOf(ctx, ids)),
    companySeenWhole: new DataLoader((ids) => s.companies.seenWhole(ctx, ids)),
    membershipsOfAccount: new DataLoader((ids) => s.memberships.visibleOfAccounts(ctx, ids)),
    ancestorsOfCompany: new DataLoader((ids) => s.access.ancestorsOfCompanies(ctx, ids)),
    twoFactorEnabled: new DataLoader(async (ids) => {
      const rows = await selectRows(ctx.db, 'SELECT tf.account_id AS id FROM two_factor tf', [
        { sql: 'tf.account_id IN (:...twoFactorIds) AND tf.secret IS NOT NULL', params: { twoFactorIds: [...ids] } },
      ]);
      const enabled = new Set(rows.map((r) => String(r.id)));
      return ids.map((id) => enabled.has(id));
    }),
    companyOfVisibleTicket: byId((ids) =>
      selectEntities(ctx.db, CompanyEntity, 'c', [{ sql: 'c.id IN (:...ids)', params: { ids: [...ids] } }]),
    ),
    accountOfVisibleTicket: byId((ids) =>
      selectEntities(ctx.db, AccountEntity, 'a', [{ sql: 'a.id IN (:...ids)', params: { ids: [...ids] } }]),
    ),
  };
}
