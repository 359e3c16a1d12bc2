import { Role } from './membership.entity';

export enum Capability {
  TICKETS = 'TICKETS',
  SOLVER = 'SOLVER',
  KNOWLEDGE_BASE = 'KNOWLEDGE_BASE',
  OVERVIEW = 'OVERVIEW',
  BILLING = 'BILLING',
  INVOICES = 'INVOICES',
}

/** Stored bit of each capability. Never renumber: the values are in the database. */
export const CAPABILITY_BIT: Record<Capability, number> = {
  [Capability.TICKETS]: 1,
  [Capability.SOLVER]: 2,
  [Capability.KNOWLEDGE_BASE]: 4,
  [Capability.OVERVIEW]: 8,
  [Capability.BILLING]: 16,
  [Capability.INVOICES]: 32,
};

const ALL = Object.values(Capability);

/** access-model.md, "Capabilities and their defaults". */
export const DEFAULT_CAPABILITIES: Record<Role, Capability[]> = {
  [Role.ADMINISTRATOR]: [...ALL],
  [Role.MODERATOR]: [Capability.TICKETS, Capability.SOLVER, Capability.KNOWLEDGE_BASE, Capability.OVERVIEW],
  [Role.MEMBER]: [Capability.TICKETS, Capability.KNOWLEDGE_BASE],
};

export function toBits(capabilities: readonly Capability[]): number {
  return capabilities.reduce((bits, c) => bits | CAPABILITY_BIT[c], 0);
}

export function fromBits(bits: number): Capability[] {
  return ALL.filter((c) => (bits & CAPABILITY_BIT[c]) !== 0);
}

export function hasCapability(bits: number, capability: Capability): boolean {
  return (bits & CAPABILITY_BIT[capability]) !== 0;
}
