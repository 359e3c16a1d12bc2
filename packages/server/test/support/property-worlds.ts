/**
 * The random worlds of the property tests (access/visibility.property.test.ts,
 * conversation/notifications.property.test.ts) as far as they are the same: fast-check arbitraries
 * of company forests with random settings, customers' memberships and changes to both (as indices,
 * resolved to ids when built or applied), and their building in the database and in the reference
 * model (test/reference-model.ts). Running and comparing: ./property-runs.ts.
 */
import fc from 'fast-check';
import type { Capability as ServerCapability } from '../../src/modules/membership/capabilities';
import type { Role as ServerRole } from '../../src/modules/membership/membership.entity';
import { newId } from '../../src/shared/ids';
import * as model from '../reference-model';
import type { TestApp } from './test-app';

// ---------------------------------------------------------------------------------------
// Random worlds (indices, resolved to ids when built)
// ---------------------------------------------------------------------------------------

export const CAPABILITIES: model.Capability[] = ['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW', 'BILLING', 'INVOICES'];
export const ROLES: model.Role[] = ['ADMINISTRATOR', 'MODERATOR', 'MEMBER'];
export const SETTING_KEYS = ['portalEnabled', 'membersSeeCompanyTickets', 'subsidiaryTicketsVisible', 'shareTicketsWithFamily'] as const;
export type Settings = Record<(typeof SETTING_KEYS)[number], boolean>;

export interface CompanySpec {
  /** index of a company built before, or null: a top-level company */
  parent: number | null;
  settings: Settings;
}

export interface MembershipSpec {
  company: number;
  role: model.Role;
  /** null: the role's defaults (the factory's default, as for a membership created without a list) */
  capabilities: model.Capability[] | null;
}

export const weighted = <T>(likely: T, unlikely: T, odds: number) =>
  fc.oneof({ arbitrary: fc.constant(likely), weight: odds }, { arbitrary: fc.constant(unlikely), weight: 1 });

/** Random settings; the portal is enabled `portalOdds` times as often as not. */
export const settingsArb = (portalOdds: number): fc.Arbitrary<Settings> =>
  fc.record({
    portalEnabled: weighted(true, false, portalOdds),
    membersSeeCompanyTickets: fc.boolean(),
    subsidiaryTicketsVisible: fc.boolean(),
    shareTicketsWithFamily: fc.boolean(),
  });

/** A change of any of the settings (updateCompany). */
export const settingsChangeArb: fc.Arbitrary<Partial<Settings>> = fc.record(
  {
    portalEnabled: fc.boolean(),
    membersSeeCompanyTickets: fc.boolean(),
    subsidiaryTicketsVisible: fc.boolean(),
    shareTicketsWithFamily: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** `n` companies, each with a parent among the companies before it or none: always a forest. */
export const companyForestArb = (n: number, settings: fc.Arbitrary<Settings>): fc.Arbitrary<CompanySpec[]> =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        parent: i === 0 ? fc.constant(null) : fc.option(fc.nat({ max: i - 1 }), { freq: 3, nil: null }),
        settings,
      }),
    ),
  );

/**
 * One customer's memberships in distinct companies among `n` (at most 3); the role's default
 * capabilities one time in `defaultsOneIn`, else any subset (with or without TICKETS / SOLVER).
 */
export const membershipsArb = (n: number, options: { minLength: number; defaultsOneIn: number }): fc.Arbitrary<MembershipSpec[]> =>
  fc.uniqueArray(
    fc.record({
      company: fc.nat({ max: n - 1 }),
      role: fc.constantFrom(...ROLES),
      capabilities: fc.option(fc.subarray(CAPABILITIES), { freq: options.defaultsOneIn, nil: null }),
    }),
    { selector: (m) => m.company, minLength: options.minLength, maxLength: Math.min(n, 3) },
  );

/** An operator's change of a membership (an index, modulo): a new role and/or capabilities. */
export const membershipChangeArb = (membership: fc.Arbitrary<number>) =>
  fc.record({
    kind: fc.constant('membership' as const),
    membership,
    role: fc.option(fc.constantFrom(...ROLES), { nil: null }),
    capabilities: fc.option(fc.subarray(CAPABILITIES), { nil: null }),
  });

// ---------------------------------------------------------------------------------------
// Building a world in the database and in the reference model
// ---------------------------------------------------------------------------------------

/** What is being built: the model's world, and readable names for failure messages. */
export interface Building {
  world: model.RefWorld;
  label: Map<string, string>;
}

/** The companies, in the database and the model, labelled C0, C1, ...; their ids by index. */
export async function buildCompanies(t: TestApp, into: Building, specs: CompanySpec[]): Promise<string[]> {
  const companyIds = specs.map(() => newId('Company'));
  for (const [i, c] of specs.entries()) {
    const parentId = c.parent === null ? null : companyIds[c.parent];
    await t.factories.company({ id: companyIds[i], name: `C${i}`, parent: parentId, settings: c.settings });
    into.world.companies.push({ id: companyIds[i], parentId, ...c.settings });
    into.label.set(companyIds[i], `C${i}`);
  }
  return companyIds;
}

/**
 * The memberships of each customer (`customers[i]`, labelled Ui, has `specs[i].memberships`), in the database
 * and the model, labelled M<index>(U<customer>@C<company>).
 */
export async function buildMemberships(
  t: TestApp,
  into: Building,
  companyIds: string[],
  customers: string[],
  specs: Array<{ memberships: MembershipSpec[] }>,
): Promise<void> {
  const { world, label } = into;
  for (const [i, c] of specs.entries()) {
    for (const m of c.memberships) {
      const id = newId('Membership');
      await t.factories.membership(
        customers[i],
        companyIds[m.company],
        m.role as ServerRole,
        m.capabilities === null ? undefined : (m.capabilities as ServerCapability[]),
        id,
      );
      world.memberships.push({
        id,
        accountId: customers[i],
        companyId: companyIds[m.company],
        role: m.role,
        capabilities: [...(m.capabilities ?? model.DEFAULT_CAPABILITIES[m.role])],
      });
      label.set(id, `M${world.memberships.length - 1}(U${i}@C${m.company})`);
    }
  }
}

/** A session of each account, by account id. */
export async function signInAll(t: TestApp, accountIds: string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const id of accountIds) tokens.set(id, await t.factories.signIn(id));
  return tokens;
}
