/**
 * Hand-written examples for the reference model, straight from access-model.md.
 * If one of these fails, the oracle is wrong, and every property test built on it is moot.
 */
import {
  accountVisibility,
  canSeeTicket,
  DEFAULT_CAPABILITIES,
  descendants,
  moveCompany,
  RefGrant,
  RefWorld,
  roleIn,
  ticketAudience,
  restrictionSubtree,
  ticketGrants,
  visibleAccountIds,
  visibleAccountIdsWithin,
  visibleCompanyIds,
  visibleCompanyIdsWithin,
  visibleMembershipIdsOfAccount,
  visibleMembershipIdsOfAccountWithin,
  visibleTicketIds,
  visibleTicketIdsWithin,
} from './reference-model';
import { company, customer, membership, sorted, ticket, world } from './support/reference-worlds';

/** Grants as sorted "REASON@via" strings, so order does not matter. */
function g(grants: RefGrant[] | undefined): string[] {
  return (grants ?? []).map((x) => `${x.reason}@${x.via}`).sort();
}

// ---- fixtures ---------------------------------------------------------------------------

/**
 *   G
 *   └─ P
 *      ├─ C  ── CC        (C: shareTicketsWithFamily)
 *      └─ S  ── SC
 */
function familyWorld(): RefWorld {
  return world({
    companies: [
      company('G'),
      company('P', 'G'),
      company('C', 'P', { shareTicketsWithFamily: true }),
      company('CC', 'C'),
      company('S', 'P'),
      company('SC', 'S'),
    ],
    accounts: [customer('admC'), customer('memC'), customer('req')],
    memberships: [membership('m1', 'admC', 'C', 'ADMINISTRATOR'), membership('m2', 'memC', 'C', 'MEMBER')],
    tickets: ['G', 'P', 'C', 'CC', 'S', 'SC'].map((c) => ticket(`t${c}`, c, 'req')),
  });
}

// ---- examples ---------------------------------------------------------------------------

describe('reference model: defaults', () => {
  it('has the capability table of the spec', () => {
    expect(sorted(DEFAULT_CAPABILITIES.ADMINISTRATOR)).toEqual(
      sorted(['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW', 'BILLING', 'INVOICES']),
    );
    expect(sorted(DEFAULT_CAPABILITIES.MODERATOR)).toEqual(sorted(['TICKETS', 'SOLVER', 'KNOWLEDGE_BASE', 'OVERVIEW']));
    expect(sorted(DEFAULT_CAPABILITIES.MEMBER)).toEqual(sorted(['TICKETS', 'KNOWLEDGE_BASE']));
  });
});

describe('reference model: grants', () => {
  const base = (): RefWorld =>
    world({
      companies: [company('A')],
      accounts: [customer('mem'), customer('other'), customer('mod'), customer('adm'), customer('solver')],
      memberships: [
        membership('m1', 'mem', 'A', 'MEMBER'),
        membership('m2', 'other', 'A', 'MEMBER'),
        membership('m3', 'mod', 'A', 'MODERATOR'),
        membership('m4', 'adm', 'A', 'ADMINISTRATOR'),
        membership('m5', 'solver', 'A', 'MEMBER', ['TICKETS', 'SOLVER']),
      ],
      tickets: [ticket('own', 'A', 'mem'), ticket('theirs', 'A', 'other', 'solver'), ticket('admins', 'A', 'adm', 'adm')],
    });

  it('OWN_TICKET: a MEMBER sees only its own tickets', () => {
    const w = base();
    expect(g(ticketGrants(w, 'mem', 'own'))).toEqual(['OWN_TICKET@A']);
    expect(ticketGrants(w, 'mem', 'theirs')).toEqual([]);
    expect(sorted(visibleTicketIds(w, 'mem'))).toEqual(['own']);
  });

  it('ASSIGNED_SOLVER: the assignee with SOLVER sees the ticket', () => {
    const w = base();
    expect(g(ticketGrants(w, 'solver', 'theirs'))).toEqual(['ASSIGNED_SOLVER@A']);
    expect(sorted(visibleTicketIds(w, 'solver'))).toEqual(['theirs']);
  });

  it('ASSIGNED_SOLVER needs SOLVER in the capabilities', () => {
    const w = base();
    w.memberships.find((m) => m.id === 'm5')!.capabilities = ['TICKETS'];
    expect(ticketGrants(w, 'solver', 'theirs')).toEqual([]);
    expect(canSeeTicket(w, 'solver', 'theirs')).toBe(false);
  });

  it('COMPANY_WIDE: ADMINISTRATOR and MODERATOR see every ticket of the company', () => {
    const w = base();
    expect(sorted(visibleTicketIds(w, 'mod'))).toEqual(['admins', 'own', 'theirs']);
    expect(g(ticketGrants(w, 'mod', 'own'))).toEqual(['COMPANY_WIDE@A']);
    expect(sorted(visibleTicketIds(w, 'adm'))).toEqual(['admins', 'own', 'theirs']);
  });

  it('every (reason, via) pair that holds is listed once', () => {
    const w = base();
    expect(g(ticketGrants(w, 'adm', 'admins'))).toEqual(['ASSIGNED_SOLVER@A', 'COMPANY_WIDE@A', 'OWN_TICKET@A']);
  });

  it('MEMBER with membersSeeCompanyTickets is company-wide', () => {
    const w = base();
    w.companies[0].membersSeeCompanyTickets = true;
    expect(g(ticketGrants(w, 'mem', 'theirs'))).toEqual(['COMPANY_WIDE@A']);
    expect(g(ticketGrants(w, 'mem', 'own'))).toEqual(['COMPANY_WIDE@A', 'OWN_TICKET@A']);
    expect(sorted(visibleTicketIds(w, 'mem'))).toEqual(['admins', 'own', 'theirs']);
    expect(g(accountVisibility(w, 'mem').get('A'))).toEqual(['COMPANY_WIDE@A']);
  });

  it('a MEMBER without membersSeeCompanyTickets has no accountVisibility', () => {
    expect(accountVisibility(base(), 'mem').size).toBe(0);
  });

  it('without TICKETS nothing is granted, not even own tickets; the company is still seen', () => {
    const w = base();
    w.memberships.find((m) => m.id === 'm4')!.capabilities = ['SOLVER', 'BILLING'];
    expect(visibleTicketIds(w, 'adm').size).toBe(0);
    expect(accountVisibility(w, 'adm').size).toBe(0);
    expect(roleIn(w, 'adm', 'A')).toBe('ADMINISTRATOR');
    expect(sorted(visibleCompanyIds(w, 'adm'))).toEqual(['A']);
  });

  it('ticketAudience lists every customer with grants, and no staff', () => {
    const w = base();
    w.accounts.push({ id: 'staff', staffRole: 'AGENT', disabled: false });
    w.tickets.push(ticket('byStaff', 'A', 'mem', 'staff'));
    const audience = ticketAudience(w, 'theirs');
    expect(sorted(audience.keys())).toEqual(['adm', 'mod', 'other', 'solver']);
    expect(g(audience.get('other'))).toEqual(['OWN_TICKET@A']);
    expect(g(audience.get('solver'))).toEqual(['ASSIGNED_SOLVER@A']);
    expect(sorted(ticketAudience(w, 'byStaff').keys())).toEqual(['adm', 'mem', 'mod']);
    expect(ticketGrants(w, 'staff', 'byStaff')).toEqual([]);
  });
});

describe('reference model: SUBSIDIARY', () => {
  const w = (): RefWorld =>
    world({
      companies: [company('R', null, { subsidiaryTicketsVisible: true }), company('K', 'R'), company('KK', 'K'), company('X')],
      accounts: [customer('adm'), customer('req')],
      memberships: [membership('m1', 'adm', 'R', 'ADMINISTRATOR')],
      tickets: [ticket('tR', 'R', 'req'), ticket('tK', 'K', 'req'), ticket('tKK', 'KK', 'req'), ticket('tX', 'X', 'req')],
    });

  it('reaches descendants at any depth, via the company with the setting', () => {
    const world1 = w();
    expect(g(ticketGrants(world1, 'adm', 'tK'))).toEqual(['SUBSIDIARY@R']);
    expect(g(ticketGrants(world1, 'adm', 'tKK'))).toEqual(['SUBSIDIARY@R']);
    expect(g(ticketGrants(world1, 'adm', 'tR'))).toEqual(['COMPANY_WIDE@R']);
    expect(sorted(visibleTicketIds(world1, 'adm'))).toEqual(['tK', 'tKK', 'tR']);
    expect(sorted(accountVisibility(world1, 'adm').keys())).toEqual(['K', 'KK', 'R']);
    expect(sorted(visibleCompanyIds(world1, 'adm'))).toEqual(['K', 'KK', 'R']);
  });

  it('needs the setting, and a company-wide membership', () => {
    const world1 = w();
    world1.companies[0].subsidiaryTicketsVisible = false;
    expect(sorted(visibleTicketIds(world1, 'adm'))).toEqual(['tR']);
    const world2 = w();
    world2.memberships[0].role = 'MEMBER';
    world2.tickets[0].requesterId = 'adm';
    expect(sorted(visibleTicketIds(world2, 'adm'))).toEqual(['tR']);
  });

  it('follows moves at once', () => {
    const world1 = w();
    expect(moveCompany(world1, 'X', 'KK')).toBe('OK');
    expect(g(ticketGrants(world1, 'adm', 'tX'))).toEqual(['SUBSIDIARY@R']);
    expect(moveCompany(world1, 'K', null)).toBe('OK');
    expect(sorted(visibleTicketIds(world1, 'adm'))).toEqual(['tR']);
  });

  it('reaches the tickets of a descendant whose own portal is disabled', () => {
    const world1 = w();
    world1.companies[1].portalEnabled = false;
    expect(g(ticketGrants(world1, 'adm', 'tK'))).toEqual(['SUBSIDIARY@R']);
  });
});

describe('reference model: FAMILY', () => {
  it('reaches the parent and the siblings, via C', () => {
    const w = familyWorld();
    expect(g(ticketGrants(w, 'admC', 'tP'))).toEqual(['FAMILY@C']);
    expect(g(ticketGrants(w, 'admC', 'tS'))).toEqual(['FAMILY@C']);
    expect(g(ticketGrants(w, 'admC', 'tC'))).toEqual(['COMPANY_WIDE@C']);
    expect(sorted(visibleTicketIds(w, 'admC'))).toEqual(['tC', 'tP', 'tS']);
  });

  it('does not reach the grandparent, the siblings’ descendants or C’s own children', () => {
    const w = familyWorld();
    expect(canSeeTicket(w, 'admC', 'tG')).toBe(false);
    expect(canSeeTicket(w, 'admC', 'tSC')).toBe(false);
    expect(canSeeTicket(w, 'admC', 'tCC')).toBe(false);
  });

  it('accountVisibility lists C, P and S with their grants', () => {
    const v = accountVisibility(familyWorld(), 'admC');
    expect(sorted(v.keys())).toEqual(['C', 'P', 'S']);
    expect(g(v.get('C'))).toEqual(['COMPANY_WIDE@C']);
    expect(g(v.get('P'))).toEqual(['FAMILY@C']);
    expect(g(v.get('S'))).toEqual(['FAMILY@C']);
  });

  it('is not granted to a plain MEMBER, nor for a root company', () => {
    const w = familyWorld();
    expect(visibleTicketIds(w, 'memC').size).toBe(0);
    expect(moveCompany(w, 'C', null)).toBe('OK');
    expect(sorted(visibleTicketIds(w, 'admC'))).toEqual(['tC']);
  });

  it('combines with SUBSIDIARY into separate grants', () => {
    const w = familyWorld();
    w.companies.find((c) => c.id === 'C')!.subsidiaryTicketsVisible = true;
    w.memberships.push(membership('m3', 'admC', 'G', 'MODERATOR'));
    w.companies.find((c) => c.id === 'G')!.subsidiaryTicketsVisible = true;
    expect(g(ticketGrants(w, 'admC', 'tS'))).toEqual(['FAMILY@C', 'SUBSIDIARY@G']);
    expect(g(ticketGrants(w, 'admC', 'tCC'))).toEqual(['SUBSIDIARY@C', 'SUBSIDIARY@G']);
  });
});

describe('reference model: portal disabled and disabled accounts', () => {
  const w = (): RefWorld =>
    world({
      companies: [company('A', null, { portalEnabled: false }), company('B')],
      accounts: [
        customer('adm'),
        customer('gone', { disabled: true }),
        { id: 'boss', staffRole: 'ADMIN', disabled: false },
        { id: 'exStaff', staffRole: 'AGENT', disabled: true },
      ],
      memberships: [
        membership('m1', 'adm', 'A', 'ADMINISTRATOR'),
        membership('m2', 'gone', 'B', 'ADMINISTRATOR'),
        membership('m3', 'adm', 'B', 'MEMBER'),
      ],
      tickets: [ticket('tA', 'A', 'adm'), ticket('tB', 'B', 'gone'), ticket('tB2', 'B', 'adm')],
    });

  it('a portal-disabled company grants nothing at all', () => {
    const world1 = w();
    expect(ticketGrants(world1, 'adm', 'tA')).toEqual([]);
    expect(roleIn(world1, 'adm', 'A')).toBeNull();
    expect(roleIn(world1, 'adm', 'B')).toBe('MEMBER');
    expect(sorted(visibleCompanyIds(world1, 'adm'))).toEqual(['B']);
    expect(sorted(visibleTicketIds(world1, 'adm'))).toEqual(['tB2']);
    expect(sorted(visibleMembershipIdsOfAccount(world1, 'adm', 'adm'))).toEqual(['m3']);
  });

  it('a disabled account sees nothing and is in no audience', () => {
    const world1 = w();
    expect(visibleTicketIds(world1, 'gone').size).toBe(0);
    expect(visibleCompanyIds(world1, 'gone').size).toBe(0);
    expect(visibleAccountIds(world1, 'gone').size).toBe(0);
    expect(accountVisibility(world1, 'gone').size).toBe(0);
    expect(roleIn(world1, 'gone', 'B')).toBeNull();
    expect(ticketAudience(world1, 'tB').has('gone')).toBe(false);
  });

  it('staff see everything; disabled staff nothing', () => {
    const world1 = w();
    expect(sorted(visibleTicketIds(world1, 'boss'))).toEqual(['tA', 'tB', 'tB2']);
    expect(sorted(visibleCompanyIds(world1, 'boss'))).toEqual(['A', 'B']);
    expect(sorted(visibleAccountIds(world1, 'boss'))).toEqual(['adm', 'boss', 'exStaff', 'gone']);
    expect(sorted(visibleMembershipIdsOfAccount(world1, 'boss', 'adm'))).toEqual(['m1', 'm3']);
    expect(visibleTicketIds(world1, 'exStaff').size).toBe(0);
    expect(visibleCompanyIds(world1, 'exStaff').size).toBe(0);
  });

  it('a customer sees itself, members of seen companies (any state) and people on seen tickets', () => {
    const world1 = w();
    // B is seen via the active MEMBER membership: 'gone' holds a membership there.
    expect(sorted(visibleAccountIds(world1, 'adm'))).toEqual(['adm', 'gone']);
    expect(sorted(visibleMembershipIdsOfAccount(world1, 'adm', 'gone'))).toEqual(['m2']);
    world1.tickets.push(ticket('tB3', 'B', 'adm', 'boss'));
    expect(sorted(visibleAccountIds(world1, 'adm'))).toEqual(['adm', 'boss', 'gone']);
  });
});

describe('reference model: Account.memberships', () => {
  // R (subsidiaryTicketsVisible) ── K (portal disabled); adm and peer are ADMINISTRATORs of R, adm also a MEMBER of K
  const w = (): RefWorld =>
    world({
      companies: [company('R', null, { subsidiaryTicketsVisible: true }), company('K', 'R', { portalEnabled: false }), company('X')],
      accounts: [customer('adm'), customer('peer'), customer('x'), { id: 'boss', staffRole: 'AGENT', disabled: false }],
      memberships: [
        membership('m1', 'adm', 'R', 'ADMINISTRATOR'),
        membership('m2', 'adm', 'K', 'MEMBER'),
        membership('m3', 'peer', 'R', 'ADMINISTRATOR'),
        membership('m4', 'adm', 'X', 'MEMBER'),
        membership('m5', 'x', 'X', 'MEMBER'),
      ],
    });

  it('the account itself: memberships in companies it sees, except portal-disabled ones', () => {
    const world1 = w();
    expect(sorted(visibleCompanyIds(world1, 'adm'))).toEqual(['K', 'R', 'X']);
    expect(sorted(visibleMembershipIdsOfAccount(world1, 'adm', 'adm'))).toEqual(['m1', 'm4']);
  });

  it('another customer: memberships in companies it sees, portal-disabled or not', () => {
    const world1 = w();
    expect(sorted(visibleMembershipIdsOfAccount(world1, 'peer', 'adm'))).toEqual(['m1', 'm2']);
    expect(sorted(visibleMembershipIdsOfAccount(world1, 'x', 'adm'))).toEqual(['m4']);
  });

  it('staff: every membership', () => {
    expect(sorted(visibleMembershipIdsOfAccount(w(), 'boss', 'adm'))).toEqual(['m1', 'm2', 'm4']);
  });
});

describe('reference model: company tree', () => {
  const w = (): RefWorld => world({ companies: [company('R'), company('K', 'R'), company('KK', 'K'), company('O')] });

  it('descendants are strict and of any depth', () => {
    expect(sorted(descendants(w(), 'R'))).toEqual(['K', 'KK']);
    expect(descendants(w(), 'KK').size).toBe(0);
  });

  it('refuses cycles and changes nothing', () => {
    const world1 = w();
    expect(moveCompany(world1, 'R', 'R')).toBe('CYCLE');
    expect(moveCompany(world1, 'R', 'KK')).toBe('CYCLE');
    expect(moveCompany(world1, 'K', 'KK')).toBe('CYCLE');
    expect(world1).toEqual(w());
    expect(moveCompany(world1, 'KK', 'O')).toBe('OK');
    expect(moveCompany(world1, 'O', 'R')).toBe('OK');
    expect(sorted(descendants(world1, 'R'))).toEqual(['K', 'KK', 'O']);
    expect(moveCompany(world1, 'O', null)).toBe('OK');
    expect(sorted(descendants(world1, 'R'))).toEqual(['K']);
  });
});

describe('reference model: through a company-restricted API token', () => {
  /**
   *   R (subsidiaryTicketsVisible) ── K ── KK
   *   O
   * adm: ADMINISTRATOR of R; peerK: MEMBER of K; o: MEMBER of O; boss: staff AGENT
   */
  const w = (): RefWorld =>
    world({
      companies: [company('R', null, { subsidiaryTicketsVisible: true }), company('K', 'R'), company('KK', 'K'), company('O')],
      accounts: [customer('adm'), customer('peerK'), customer('o'), { id: 'boss', staffRole: 'AGENT', disabled: false }],
      memberships: [
        membership('m1', 'adm', 'R', 'ADMINISTRATOR'),
        membership('m2', 'peerK', 'K', 'MEMBER'),
        membership('m3', 'o', 'O', 'MEMBER'),
        membership('m4', 'adm', 'O', 'MEMBER'),
      ],
      tickets: [ticket('tR', 'R', 'adm'), ticket('tK', 'K', 'peerK'), ticket('tKK', 'KK', 'o', 'boss'), ticket('tO', 'O', 'adm')],
    });

  it('the subtree is the company and its descendants, now', () => {
    const world1 = w();
    expect(sorted(restrictionSubtree(world1, 'K'))).toEqual(['K', 'KK']);
    moveCompany(world1, 'KK', 'O');
    expect(sorted(restrictionSubtree(world1, 'K'))).toEqual(['K']);
    expect(sorted(restrictionSubtree(world1, 'O'))).toEqual(['KK', 'O']);
  });

  it('without a restriction: the account itself', () => {
    const world1 = w();
    expect(visibleTicketIdsWithin(world1, 'adm', null)).toEqual(visibleTicketIds(world1, 'adm'));
    expect(visibleCompanyIdsWithin(world1, 'adm', null)).toEqual(visibleCompanyIds(world1, 'adm'));
    expect(visibleAccountIdsWithin(world1, 'adm', null)).toEqual(visibleAccountIds(world1, 'adm'));
    expect(visibleMembershipIdsOfAccountWithin(world1, 'adm', 'adm', null)).toEqual(visibleMembershipIdsOfAccount(world1, 'adm', 'adm'));
  });

  it('narrows a customer to the subtree, and follows moves at once', () => {
    const world1 = w();
    expect(sorted(visibleTicketIdsWithin(world1, 'adm', 'K'))).toEqual(['tK', 'tKK']);
    expect(sorted(visibleCompanyIdsWithin(world1, 'adm', 'K'))).toEqual(['K', 'KK']);
    // itself; peerK (member of K); o and boss (people on tKK). Not via O, which is outside.
    expect(sorted(visibleAccountIdsWithin(world1, 'adm', 'K'))).toEqual(['adm', 'boss', 'o', 'peerK']);
    expect(visibleMembershipIdsOfAccountWithin(world1, 'adm', 'adm', 'K').size).toBe(0);
    expect(sorted(visibleMembershipIdsOfAccountWithin(world1, 'adm', 'adm', 'R'))).toEqual(['m1']);
    expect(sorted(visibleMembershipIdsOfAccountWithin(world1, 'adm', 'peerK', 'K'))).toEqual(['m2']);
    moveCompany(world1, 'KK', 'O');
    expect(sorted(visibleTicketIdsWithin(world1, 'adm', 'K'))).toEqual(['tK']);
    expect(sorted(visibleAccountIdsWithin(world1, 'adm', 'K'))).toEqual(['adm', 'peerK']);
    // never widens: O's subtree now holds KK, which adm no longer sees at all
    expect(sorted(visibleTicketIdsWithin(world1, 'adm', 'O'))).toEqual(['tO']);
    expect(sorted(visibleCompanyIdsWithin(world1, 'adm', 'O'))).toEqual(['O']);
  });

  it('narrows staff too: only people of the subtree', () => {
    const world1 = w();
    expect(sorted(visibleTicketIdsWithin(world1, 'boss', 'K'))).toEqual(['tK', 'tKK']);
    expect(sorted(visibleCompanyIdsWithin(world1, 'boss', 'K'))).toEqual(['K', 'KK']);
    expect(sorted(visibleAccountIdsWithin(world1, 'boss', 'K'))).toEqual(['boss', 'o', 'peerK']);
    expect(sorted(visibleMembershipIdsOfAccountWithin(world1, 'boss', 'adm', 'O'))).toEqual(['m4']);
  });
});
