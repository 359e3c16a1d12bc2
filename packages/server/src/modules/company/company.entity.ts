import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('company')
export class CompanyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  /**
   * Siblings' names are unique (shared/company-name.ts): the parent's id or '' for a root, and the
   * name's comparison key, under one unique index. Written with the name and the parent, never read.
   */
  @Column({ name: 'parent_key', type: 'varchar', length: 36, select: false })
  parentKey?: string;

  @Column({ name: 'name_key', type: 'varchar', length: 400, select: false })
  nameKey?: string;

  /** The root of this company's tree (itself for a root); kept by company-tree.ts. */
  @Column({ name: 'root_id', type: 'varchar', length: 36 })
  rootId: string;

  @Column({ name: 'portal_enabled', type: 'boolean' })
  portalEnabled: boolean;

  @Column({ name: 'members_see_company_tickets', type: 'boolean' })
  membersSeeCompanyTickets: boolean;

  @Column({ name: 'subsidiary_tickets_visible', type: 'boolean' })
  subsidiaryTicketsVisible: boolean;

  @Column({ name: 'share_tickets_with_family', type: 'boolean' })
  shareTicketsWithFamily: boolean;

  /** Every account with an active membership here must use two-step sign-in (staff ADMIN sets it). */
  @Column({ name: 'two_factor_required', type: 'boolean', default: false })
  twoFactorRequired: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

/**
 * Closure table of the company forest: one row per (ancestor, descendant) pair including the
 * (c, c, 0) self row, so subtree, ancestry and "is X under C" are single indexed lookups.
 */
@Entity('company_closure')
export class CompanyClosureEntity {
  @PrimaryColumn({ name: 'ancestor_id', type: 'varchar', length: 36 })
  ancestorId: string;

  @PrimaryColumn({ name: 'descendant_id', type: 'varchar', length: 36 })
  descendantId: string;

  @Column({ type: 'int' })
  depth: number;
}
