import { EntityManager } from 'typeorm';
import type { App } from '../../src/app';
import { AccountEntity, StaffRole } from '../../src/modules/account/account.entity';
import { hashPassword } from '../../src/modules/account/password';
import { SessionEntity } from '../../src/modules/auth/session.entity';
import { CompanyEntity } from '../../src/modules/company/company.entity';
import { insertIntoTree, treeRootOf } from '../../src/modules/company/company-tree';
import { Capability, DEFAULT_CAPABILITIES, toBits } from '../../src/modules/membership/capabilities';
import { MembershipEntity, Role } from '../../src/modules/membership/membership.entity';
import { TicketEntity, TicketStatus } from '../../src/modules/ticket/ticket.entity';
import { nextTicketNumber } from '../../src/modules/ticket/ticket-number';
import { newId } from '../../src/shared/ids';
import { companyNameKey, companyParentKey } from '../../src/shared/company-name';
import { hashToken, newSecretToken } from '../../src/shared/tokens';

/** The password of every factory-built account. */
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

let sequence = 0;
const next = () => ++sequence;

export type CompanySettings = Partial<
  Pick<
    CompanyEntity,
    'portalEnabled' | 'membersSeeCompanyTickets' | 'subsidiaryTicketsVisible' | 'shareTicketsWithFamily' | 'twoFactorRequired'
  >
>;

/**
 * Builds rows directly in the database (fast, and independent of the API under test); tests
 * then act and assert through GraphQL. Every row goes through the app's transaction runner.
 */
export class Factories {
  constructor(private readonly app: App) {}

  private write<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.app.deps.transactions.run(work);
  }

  async company(
    options: { name?: string; parent?: CompanyEntity | string | null; settings?: CompanySettings; id?: string } = {},
  ): Promise<CompanyEntity> {
    const parentId = typeof options.parent === 'string' ? options.parent : (options.parent?.id ?? null);
    const now = new Date();
    const id = options.id ?? newId('Company');
    const company: CompanyEntity = {
      id,
      name: options.name ?? `Company ${next()}`,
      parentId,
      rootId: id, // the parent's root, read in the transaction below
      portalEnabled: options.settings?.portalEnabled ?? true,
      membersSeeCompanyTickets: options.settings?.membersSeeCompanyTickets ?? false,
      subsidiaryTicketsVisible: options.settings?.subsidiaryTicketsVisible ?? false,
      shareTicketsWithFamily: options.settings?.shareTicketsWithFamily ?? false,
      twoFactorRequired: options.settings?.twoFactorRequired ?? false,
      createdAt: now,
      updatedAt: now,
    };
    await this.write(async (db) => {
      if (parentId) company.rootId = (await treeRootOf(db, parentId)) ?? parentId;
      // the unique sibling-name keys are written, never read: the returned row is what a read gives
      await db.insert(CompanyEntity, { ...company, parentKey: companyParentKey(parentId), nameKey: companyNameKey(company.name) });
      await insertIntoTree(db, company.id, parentId);
    });
    return company;
  }

  async account(
    options: {
      email?: string;
      staffRole?: StaffRole | null;
      disabled?: boolean;
      firstName?: string;
      lastName?: string;
      language?: string;
      id?: string;
    } = {},
  ): Promise<AccountEntity> {
    passwordHash ??= hashPassword(TEST_PASSWORD);
    const n = next();
    const email = options.email ?? `person${n}.${Date.now()}@example.test`;
    const account: AccountEntity = {
      id: options.id ?? newId('Account'),
      email,
      emailNormalized: email.toLowerCase(),
      firstName: options.firstName ?? `First${n}`,
      lastName: options.lastName ?? `Last${n}`,
      language: options.language ?? 'en',
      staffRole: options.staffRole ?? null,
      disabled: options.disabled ?? false,
      passwordHash: await passwordHash,
      notificationLevel: null,
      createdAt: new Date(),
    };
    await this.write((db) => db.insert(AccountEntity, account));
    return account;
  }

  staffAdmin(options: { email?: string } = {}) {
    return this.account({ ...options, staffRole: StaffRole.ADMIN });
  }

  staffAgent(options: { email?: string } = {}) {
    return this.account({ ...options, staffRole: StaffRole.AGENT });
  }

  async membership(
    account: AccountEntity | string,
    company: CompanyEntity | string,
    role: Role,
    capabilities?: Capability[],
    id?: string,
  ): Promise<MembershipEntity> {
    const membership: MembershipEntity = {
      id: id ?? newId('Membership'),
      accountId: typeof account === 'string' ? account : account.id,
      companyId: typeof company === 'string' ? company : company.id,
      role,
      capabilities: toBits(capabilities ?? DEFAULT_CAPABILITIES[role]),
      createdAt: new Date(Date.now() + next()),
    };
    await this.write((db) => db.insert(MembershipEntity, membership));
    return membership;
  }

  /** A customer account with one membership, signed in. */
  async member(company: CompanyEntity, role: Role, capabilities?: Capability[]) {
    const account = await this.account();
    const membership = await this.membership(account, company, role, capabilities);
    return { account, membership, token: await this.signIn(account) };
  }

  async ticket(options: {
    company: CompanyEntity | string;
    requester?: AccountEntity | string | null;
    assignee?: AccountEntity | string | null;
    title?: string;
    status?: TicketStatus;
    createdAt?: Date;
    id?: string;
  }): Promise<TicketEntity> {
    const idOf = (v: AccountEntity | string | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);
    const createdAt = options.createdAt ?? new Date(Date.now() - next());
    const companyId = typeof options.company === 'string' ? options.company : options.company.id;
    const ticket: TicketEntity = {
      id: options.id ?? newId('Ticket'),
      number: 0, // the next of the sequence, taken in the transaction below
      companyId,
      rootCompanyId: '', // the company's root, read in the transaction below
      requesterId: idOf(options.requester),
      assigneeId: idOf(options.assignee),
      title: options.title ?? `Ticket ${next()}`,
      description: null,
      status: options.status ?? TicketStatus.OPEN,
      createdAt,
      updatedAt: createdAt,
      activityAt: createdAt,
      publicActivityAt: createdAt,
    };
    await this.write(async (db) => {
      ticket.rootCompanyId = (await treeRootOf(db, companyId)) ?? companyId;
      ticket.number = await nextTicketNumber(db);
      await db.insert(TicketEntity, ticket);
    });
    return ticket;
  }

  /** A session for the account, as signIn would create it; returns the bearer token. */
  async signIn(account: AccountEntity | string): Promise<string> {
    const token = newSecretToken();
    const now = new Date();
    await this.write((db) =>
      db.insert(SessionEntity, {
        id: newId('Session'),
        tokenHash: hashToken(token),
        accountId: typeof account === 'string' ? account : account.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
      }),
    );
    return token;
  }
}
