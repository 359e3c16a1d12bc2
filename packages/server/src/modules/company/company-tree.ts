import { EntityManager } from 'typeorm';
import { lockForShare, lockForUpdate } from '../../db/transactions';

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

/**
 * The tree root of a company, for a row that records it (a new company under this parent, a new
 * ticket of this company), or null when the company does not exist. The share lock holds off a
 * concurrent move of the company until the caller commits, so the recorded root cannot go stale
 * (the move's re-rooting runs after the commit and includes the new row).
 */
export async function treeRootOf(db: EntityManager, companyId: string): Promise<string | null> {
  await lockForShare(db, 'company', 'id', [companyId]);
  const rows: Array<{ root_id: string }> = await db.query(`SELECT root_id FROM company WHERE id = ?`, [companyId]);
  return rows[0]?.root_id ?? null;
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
 * ancestors to every node of the subtree, links every ancestor of the new parent to every node
 * of the subtree, then records the new tree root on the subtree's companies and tickets. Four
 * statements whatever the size and depth of the subtree; returns the new root.
 */
export async function moveInTree(db: EntityManager, companyId: string, newParentId: string | null): Promise<string> {
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
  const root = newParentId ? ((await treeRootOf(db, newParentId)) ?? newParentId) : companyId;
  const subtree = `SELECT descendant_id FROM company_closure WHERE ancestor_id = ?`;
  // companies first: a ticket insert holding a share lock on one of them is waited for, so its
  // committed row is re-rooted by the second statement
  await db.query(`UPDATE company SET root_id = ? WHERE id IN (${subtree})`, [root, companyId]);
  await db.query(`UPDATE ticket SET root_company_id = ? WHERE company_id IN (${subtree})`, [root, companyId]);
  return root;
}
