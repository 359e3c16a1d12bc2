import { EntityManager } from 'typeorm';
import { lockForUpdate } from '../../db/transactions';

/**
 * Maintains the closure table in the caller's transaction. Every change of the forest first takes
 * the `company_tree` lock row, so concurrent moves are serialized and cannot build a cycle between
 * them (each sees the other's committed closure rows).
 */
export async function lockCompanyTree(db: EntityManager): Promise<void> {
  await lockForUpdate(db, 'app_lock', 'name', ['company_tree']);
}

/** Adds the closure rows of a new company: itself, then every ancestor of its parent. */
export async function insertIntoTree(db: EntityManager, companyId: string, parentId: string | null): Promise<void> {
  await db.query(`INSERT INTO company_closure (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)`, [companyId, companyId]);
  if (parentId) {
    await db.query(
      `INSERT INTO company_closure (ancestor_id, descendant_id, depth)
       SELECT ancestor_id, ?, depth + 1 FROM company_closure WHERE descendant_id = ?`,
      [companyId, parentId],
    );
  }
}

/** Whether `candidate` is `companyId` itself or one of its descendants (one index lookup). */
export async function isInSubtree(db: EntityManager, companyId: string, candidate: string): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM company_closure WHERE ancestor_id = ? AND descendant_id = ?`, [
    companyId,
    candidate,
  ]);
  return rows.length > 0;
}

/**
 * Re-hangs the subtree of `companyId` under `newParentId`: drops the links from its old
 * ancestors to every node of the subtree, then links every ancestor of the new parent to every
 * node of the subtree. Two statements whatever the size and depth of the subtree.
 */
export async function moveInTree(db: EntityManager, companyId: string, newParentId: string | null): Promise<void> {
  // the inner SELECTs are wrapped in derived tables: MySQL refuses a subquery on the table it deletes from
  await db.query(
    `DELETE FROM company_closure
      WHERE descendant_id IN (SELECT d FROM (SELECT descendant_id AS d FROM company_closure WHERE ancestor_id = ?) subtree)
        AND ancestor_id IN (SELECT a FROM (SELECT ancestor_id AS a FROM company_closure WHERE descendant_id = ? AND depth > 0) above)`,
    [companyId, companyId],
  );
  if (newParentId) {
    await db.query(
      `INSERT INTO company_closure (ancestor_id, descendant_id, depth)
       SELECT up.ancestor_id, down.descendant_id, up.depth + down.depth + 1
         FROM company_closure up, company_closure down
        WHERE up.descendant_id = ? AND down.ancestor_id = ?`,
      [newParentId, companyId],
    );
  }
}
