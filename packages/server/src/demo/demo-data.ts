import { EntityManager } from 'typeorm';
import { AccountEntity, NotificationLevel, StaffRole } from '../modules/account/account.entity';
import { CommentVisibility, TicketCommentEntity } from '../modules/conversation/ticket-comment.entity';
import { hashPassword } from '../modules/account/password';
import { CompanyEntity } from '../modules/company/company.entity';
import { insertIntoTree } from '../modules/company/company-tree';
import { InvitationEntity, InvitationStatus } from '../modules/invitation/invitation.entity';
import { DEFAULT_CAPABILITIES, toBits, Capability } from '../modules/membership/capabilities';
import { MembershipEntity, Role } from '../modules/membership/membership.entity';
import { TicketEntity, TicketStatus } from '../modules/ticket/ticket.entity';
import { ticketNumbersTakenUpTo } from '../modules/ticket/ticket-number';
import { newId } from '../shared/ids';
import { companyNameKey, companyParentKey } from '../shared/company-name';
import { hashToken, newSecretToken } from '../shared/tokens';
import { TransactionRunner } from '../db/transactions';

/** Printed by the README (never by the server: account-security.md). */
export const DEMO_PASSWORD = 'portal-demo-2026';
export const DEMO_STAFF_ADMIN = 'admin@clientele.demo';
export const DEMO_CUSTOMER_ADMIN = 'alice.novak@northwind.demo';

/** The start-up log's hint at the demo sign-ins: never a password (account-security.md); the README tells it. */
export function demoSignInNotice(): { fields: Record<string, string>; message: string } {
  return {
    fields: { staffAdmin: DEMO_STAFF_ADMIN, customerAdministrator: DEMO_CUSTOMER_ADMIN },
    message: `demo sign-in: ${DEMO_STAFF_ADMIN} (staff) or ${DEMO_CUSTOMER_ADMIN} (customer administrator), with the demo password in the README`,
  };
}

/** Deterministic pseudo-random numbers, so every demo database looks the same. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface CompanySpec {
  key: string;
  name: string;
  parent?: string;
  settings?: Partial<
    Pick<CompanyEntity, 'portalEnabled' | 'membersSeeCompanyTickets' | 'subsidiaryTicketsVisible' | 'shareTicketsWithFamily'>
  >;
}

const COMPANIES: CompanySpec[] = [
  { key: 'nw', name: 'Northwind Holding', settings: { subsidiaryTicketsVisible: true } },
  { key: 'nwl', name: 'Northwind Logistics', parent: 'nw' },
  { key: 'nwr', name: 'Northwind Retail', parent: 'nw', settings: { shareTicketsWithFamily: true } },
  { key: 'nwra', name: 'Northwind Retail Austria', parent: 'nwr' },
  { key: 'nwrs', name: 'Northwind Retail Slovakia', parent: 'nwr', settings: { membersSeeCompanyTickets: true } },
  { key: 'contoso', name: 'Contoso Dental Clinics', settings: { membersSeeCompanyTickets: true } },
  { key: 'tailspin', name: 'Tailspin Legal', settings: { portalEnabled: false } },
];

type PersonSpec = [
  first: string,
  last: string,
  lang: string,
  company: string,
  role: Role,
  extra?: { disabled?: boolean; also?: [string, Role]; solver?: boolean },
];

const PEOPLE: PersonSpec[] = [
  ['Alice', 'Novak', 'en', 'nw', Role.ADMINISTRATOR, { also: ['nwr', Role.ADMINISTRATOR] }],
  ['Bernd', 'Keller', 'de', 'nw', Role.MODERATOR],
  ['Clara', 'Hofer', 'de', 'nw', Role.MEMBER],
  ['Daniel', 'Wright', 'en', 'nwl', Role.ADMINISTRATOR],
  ['Eva', 'Horváthová', 'sk', 'nwl', Role.MODERATOR],
  ['Felix', 'Braun', 'de', 'nwl', Role.MEMBER],
  ['Grace', 'Lee', 'en', 'nwl', Role.MEMBER],
  ['Hana', 'Kováčová', 'sk', 'nwr', Role.MODERATOR],
  ['Ivan', 'Petrov', 'en', 'nwr', Role.MEMBER, { solver: true }],
  ['Julia', 'Gruber', 'de', 'nwra', Role.ADMINISTRATOR],
  ['Karl', 'Steiner', 'de', 'nwra', Role.MEMBER],
  ['Lena', 'Wagner', 'de', 'nwra', Role.MEMBER, { disabled: true }],
  ['Marek', 'Novotný', 'sk', 'nwrs', Role.ADMINISTRATOR],
  ['Nina', 'Baláž', 'sk', 'nwrs', Role.MEMBER],
  ['Oliver', 'Bennett', 'en', 'contoso', Role.ADMINISTRATOR],
  ['Priya', 'Shah', 'en', 'contoso', Role.MODERATOR],
  ['Quinn', 'Adams', 'en', 'contoso', Role.MEMBER],
  ['Rosa', 'Martínez', 'en', 'contoso', Role.MEMBER, { also: ['nwl', Role.MEMBER] }],
  ['Samuel', 'Okafor', 'en', 'contoso', Role.MEMBER],
  ['Tereza', 'Dvořáková', 'sk', 'tailspin', Role.ADMINISTRATOR],
  ['Uwe', 'Fischer', 'de', 'tailspin', Role.MEMBER],
  ['Vera', 'Schmid', 'de', 'nw', Role.MEMBER],
  ['William', 'Turner', 'en', 'nwl', Role.MEMBER],
  ['Xenia', 'Ivanova', 'en', 'nwr', Role.MEMBER],
  ['Yusuf', 'Demir', 'de', 'nwra', Role.MODERATOR],
  ['Zuzana', 'Kráľová', 'sk', 'nwrs', Role.MODERATOR],
];

const STAFF: Array<[string, string, string, StaffRole]> = [
  ['Morgan', 'Reyes', DEMO_STAFF_ADMIN, StaffRole.ADMIN],
  ['Sam', 'Fischer', 'sam.agent@clientele.demo', StaffRole.AGENT],
  ['Kim', 'Lindqvist', 'kim.agent@clientele.demo', StaffRole.AGENT],
];

const TITLES = [
  'Printer on 2nd floor jams on every job',
  'VPN drops every 10 minutes',
  'New laptop for incoming employee',
  'Outlook keeps asking for password',
  'Replace toner in reception copier',
  'Access to shared finance folder',
  'Wi-Fi slow in meeting room B',
  'POS terminal does not print receipts',
  'Backup job failed last night',
  'Phone extension not forwarding',
  'Set up MFA for the sales team',
  'Label printer in warehouse offline',
  'Monitor flickering at desk 14',
  'Renew SSL certificate for web shop',
  'Teams calls drop audio',
  'Add user to CRM licence',
  'Scanner sends empty PDFs',
  'Server room temperature alarm',
  'Reset password for shop manager',
  'Install accounting update',
];

const STATUSES = [
  TicketStatus.NEW,
  TicketStatus.OPEN,
  TicketStatus.OPEN,
  TicketStatus.WAITING,
  TicketStatus.RESOLVED,
  TicketStatus.CLOSED,
  TicketStatus.CLOSED,
];

/** Conversation lines by language: [customer's follow-up, staff's public reply, customer's answer]; staff notes are in English. */
const LINES: Record<string, [string, string, string][]> = {
  en: [
    [
      'It happened again this morning, twice before 9:00.',
      'Thanks — we are looking into it and will get back to you **today**.',
      'Great, thank you!',
    ],
    ['Is there any update on this?', 'We replaced the part; please check whether it works now.', 'Yes, it works again.'],
    ['Attached is a photo of the error message.', 'Could you tell us the *exact* time it happens next time?', 'Around 14:30, as usual.'],
  ],
  de: [
    [
      'Heute Morgen ist es wieder passiert, zweimal vor 9 Uhr.',
      'Danke — wir sehen uns das an und melden uns **heute** noch.',
      'Super, vielen Dank!',
    ],
    ['Gibt es hier schon Neuigkeiten?', 'Wir haben das Teil getauscht; bitte prüfen Sie, ob es jetzt funktioniert.', 'Ja, es geht wieder.'],
  ],
  sk: [
    ['Dnes ráno sa to stalo znova, dvakrát pred 9:00.', 'Ďakujeme — pozrieme sa na to a ozveme sa ešte **dnes**.', 'Super, ďakujem!'],
    ['Je k tomu nejaká novinka?', 'Diel sme vymenili; skontrolujte, prosím, či to už funguje.', 'Áno, už to funguje.'],
  ],
};

const NOTES = [
  'Remote session planned; the customer prefers calls after 10:00.',
  'Same issue as last month — check the firmware version first.',
  'Waiting for the vendor; RMA number in the internal tracker.',
];

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Loads the demo world in one transaction: a holding two levels deep, independents, people, tickets, invitations. */
export async function loadDemoData(
  transactions: TransactionRunner,
): Promise<{ companies: number; accounts: number; tickets: number; comments: number }> {
  const random = mulberry32(20261126);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = Date.now();
  const day = 86_400_000;

  return transactions.run(async (db: EntityManager) => {
    const companyIds = new Map<string, string>();
    const rootIds = new Map<string, string>(); // company id -> its tree root
    for (const spec of COMPANIES) {
      const created = new Date(now - 400 * day);
      const id = newId('Company');
      const parentId = spec.parent ? companyIds.get(spec.parent)! : null;
      const company: CompanyEntity = {
        id,
        name: spec.name,
        parentId,
        rootId: parentId ? rootIds.get(parentId)! : id,
        portalEnabled: spec.settings?.portalEnabled ?? true,
        membersSeeCompanyTickets: spec.settings?.membersSeeCompanyTickets ?? false,
        subsidiaryTicketsVisible: spec.settings?.subsidiaryTicketsVisible ?? false,
        shareTicketsWithFamily: spec.settings?.shareTicketsWithFamily ?? false,
        twoFactorRequired: false,
        createdAt: created,
        updatedAt: created,
      };
      await db.insert(CompanyEntity, { ...company, parentKey: companyParentKey(parentId), nameKey: companyNameKey(company.name) });
      await insertIntoTree(db, company.id, company.parentId);
      companyIds.set(spec.key, company.id);
      rootIds.set(company.id, company.rootId);
    }

    const account = (
      first: string,
      last: string,
      email: string,
      language: string,
      staffRole: StaffRole | null,
      disabled = false,
    ): AccountEntity => ({
      id: newId('Account'),
      email,
      emailNormalized: email.toLowerCase(),
      firstName: first,
      lastName: last,
      language,
      staffRole,
      disabled,
      passwordHash,
      notificationLevel: null,
      createdAt: new Date(now - 300 * day),
    });
    const staff = STAFF.map(([first, last, email, role]) => account(first, last, email, 'en', role));
    await db.insert(AccountEntity, staff);

    const memberships: MembershipEntity[] = [];
    const customers: Array<{ account: AccountEntity; companyKeys: string[]; solver: boolean }> = [];
    for (const [first, last, language, companyKey, role, extra] of PEOPLE) {
      const domain = COMPANIES.find((c) => c.key === companyKey)!
        .name.split(' ')[0]
        .toLowerCase();
      const a = account(first, last, `${slug(first)}.${slug(last)}@${domain}.demo`, language, null, extra?.disabled ?? false);
      await db.insert(AccountEntity, a);
      const membershipOf = (key: string, r: Role): MembershipEntity => ({
        id: newId('Membership'),
        accountId: a.id,
        companyId: companyIds.get(key)!,
        role: r,
        capabilities: toBits(extra?.solver ? [...DEFAULT_CAPABILITIES[r], Capability.SOLVER] : DEFAULT_CAPABILITIES[r]),
        createdAt: new Date(now - 200 * day),
      });
      memberships.push(membershipOf(companyKey, role));
      if (extra?.also) memberships.push(membershipOf(extra.also[0], extra.also[1]));
      customers.push({
        account: a,
        companyKeys: [companyKey, ...(extra?.also ? [extra.also[0]] : [])],
        solver: role !== Role.MEMBER || !!extra?.solver,
      });
    }
    await db.insert(MembershipEntity, memberships);

    const tickets: TicketEntity[] = [];
    for (let i = 0; i < 320; i++) {
      const requester = pick(customers);
      const companyKey = pick(requester.companyKeys);
      const createdAt = new Date(now - Math.floor(random() * random() * 180 * day) - Math.floor(random() * day));
      const status = createdAt.getTime() > now - 3 * day ? pick([TicketStatus.NEW, TicketStatus.OPEN]) : pick(STATUSES);
      const colleagueSolvers = customers.filter((c) => c.solver && c.companyKeys.includes(companyKey) && !c.account.disabled);
      const assignee =
        status === TicketStatus.NEW
          ? null
          : random() < 0.8
            ? pick(staff).id
            : colleagueSolvers.length
              ? pick(colleagueSolvers).account.id
              : null;
      tickets.push({
        id: newId('Ticket'),
        number: 0, // numbered below, in creation order
        companyId: companyIds.get(companyKey)!,
        rootCompanyId: rootIds.get(companyIds.get(companyKey)!)!,
        requesterId: requester.account.id,
        assigneeId: assignee,
        title: pick(TITLES),
        description: 'Reported through the customer portal.',
        status,
        createdAt,
        updatedAt: createdAt,
        activityAt: createdAt,
        publicActivityAt: createdAt,
      });
    }
    // conversations: most tickets past NEW have a thread (public replies, some internal notes)
    const comments: TicketCommentEntity[] = [];
    const byId = new Map([...customers.map((c) => c.account), ...staff].map((a) => [a.id, a]));
    for (const ticket of tickets) {
      if (ticket.status === TicketStatus.NEW || random() < 0.3) continue;
      const requester = byId.get(ticket.requesterId!)!;
      const lines = pick(LINES[requester.language] ?? LINES.en);
      const helper = ticket.assigneeId && byId.get(ticket.assigneeId)?.staffRole ? ticket.assigneeId : pick(staff).id;
      const thread: Array<[string, string, CommentVisibility]> = [
        [requester.id, lines[0], CommentVisibility.PUBLIC],
        ...(random() < 0.5 ? [[helper, pick(NOTES), CommentVisibility.INTERNAL] as [string, string, CommentVisibility]] : []),
        [helper, lines[1], CommentVisibility.PUBLIC],
        ...(random() < 0.6 ? [[requester.id, lines[2], CommentVisibility.PUBLIC] as [string, string, CommentVisibility]] : []),
      ];
      let at = ticket.createdAt.getTime();
      const span = Math.max(now - at, 3_600_000);
      for (const [authorId, body, visibility] of thread) {
        at += Math.floor((span / (thread.length + 1)) * (0.5 + random()));
        at = Math.min(at, now - 60_000);
        comments.push({ id: newId('TicketComment'), ticketId: ticket.id, authorId, body, visibility, createdAt: new Date(at) });
        ticket.activityAt = new Date(at);
        if (visibility === CommentVisibility.PUBLIC) ticket.publicActivityAt = new Date(at);
        ticket.updatedAt = ticket.activityAt;
      }
    }
    // numbered in creation order, as the migration numbers existing tickets; the sequence goes on after them
    tickets.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    tickets.forEach((ticket, i) => (ticket.number = i + 1));
    for (let i = 0; i < tickets.length; i += 100) await db.insert(TicketEntity, tickets.slice(i, i + 100));
    await ticketNumbersTakenUpTo(db, tickets.length);
    for (let i = 0; i < comments.length; i += 100) await db.insert(TicketCommentEntity, comments.slice(i, i + 100));
    // a few accounts with a level other than their default (conversation.md): the profile shows them
    const levels: Array<[string, NotificationLevel]> = [
      ['bernd.keller@northwind.demo', NotificationLevel.PARTICIPATING],
      ['grace.lee@northwind.demo', NotificationLevel.NONE],
      ['kim.agent@clientele.demo', NotificationLevel.ALL],
    ];
    for (const [email, level] of levels) await db.update(AccountEntity, { emailNormalized: email }, { notificationLevel: level });

    const alice = customers[0].account;
    const invitation = (
      key: string,
      email: string,
      first: string,
      last: string,
      language: string,
      role: Role,
      status: InvitationStatus,
      ageDays: number,
    ): InvitationEntity => {
      const createdAt = new Date(now - ageDays * day);
      const companyId = companyIds.get(key)!;
      const emailNormalized = email.toLowerCase();
      return {
        id: newId('Invitation'),
        companyId,
        email,
        emailNormalized,
        firstName: first,
        lastName: last,
        language,
        role,
        status,
        pendingKey: status === InvitationStatus.PENDING ? `${companyId}:${emailNormalized}` : null,
        tokenHash: status === InvitationStatus.PENDING ? hashToken(newSecretToken()) : null,
        expiresAt: new Date(createdAt.getTime() + 7 * day),
        invitedById: alice.id,
        membershipId: null,
        acceptedAt: status === InvitationStatus.ACCEPTED ? new Date(createdAt.getTime() + day) : null,
        createdAt,
      };
    };
    const invitations = [
      invitation('nw', 'peter.lang@northwind.demo', 'Peter', 'Lang', 'de', Role.MEMBER, InvitationStatus.PENDING, 1),
      invitation('nw', 'sofia.costa@northwind.demo', 'Sofia', 'Costa', 'en', Role.MODERATOR, InvitationStatus.PENDING, 2),
      invitation('nw', 'tomas.kral@northwind.demo', 'Tomáš', 'Kráľ', 'sk', Role.MEMBER, InvitationStatus.PENDING, 12),
      invitation('nw', 'clara.hofer@northwind.demo', 'Clara', 'Hofer', 'de', Role.MEMBER, InvitationStatus.ACCEPTED, 190),
      invitation('nwr', 'old.contact@northwind.demo', 'Old', 'Contact', 'en', Role.MEMBER, InvitationStatus.REVOKED, 40),
    ];
    // an accepted invitation created its membership, as acceptInvitation does: linked to it (revoking it
    // removes that membership) and the membership dated by the acceptance (issue 17, bug 3)
    for (const accepted of invitations.filter((i) => i.status === InvitationStatus.ACCEPTED)) {
      const person = customers.find((c) => c.account.emailNormalized === accepted.emailNormalized)!.account;
      const membership = memberships.find((m) => m.accountId === person.id && m.companyId === accepted.companyId)!;
      accepted.membershipId = membership.id;
      await db.update(MembershipEntity, { id: membership.id }, { createdAt: accepted.acceptedAt! });
    }
    await db.insert(InvitationEntity, invitations);
    return { companies: COMPANIES.length, accounts: staff.length + customers.length, tickets: tickets.length, comments: comments.length };
  });
}
