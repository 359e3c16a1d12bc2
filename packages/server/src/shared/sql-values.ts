/** A boolean column read with raw SQL: SQLite and MySQL return 1/0 (sometimes as strings). */
export const sqlBoolean = (v: unknown): boolean => v === true || v === 1 || v === '1';
