import { invalidInput } from './errors';

/** Longest search text a list filter accepts, in characters (code points). */
export const SEARCH_MAX = 100;

/** The escape character of every LIKE pattern built here (`ESCAPE '!'`): backslash means different things in SQLite and MySQL. */
const ESCAPE = '!';

/**
 * A list filter's `search` as a `LIKE … ESCAPE '!'` pattern matching it anywhere: trimmed, with
 * `%`, `_` and `!` matched literally. Null when there is nothing to search for; INVALID_INPUT at
 * `field` when it is too long. Case-insensitivity comes from the database: the MySQL/MariaDB
 * `_ci` collations (any letter, accents too), SQLite's LIKE (ASCII letters only).
 */
export function containsPattern(search: string | null | undefined, field: string[]): string | null {
  if (search == null) return null;
  if ([...search].length > SEARCH_MAX) throw invalidInput(`search must be at most ${SEARCH_MAX} characters`, field);
  const text = search.trim();
  if (text === '') return null;
  return `%${text.replace(/[!%_]/g, (c) => ESCAPE + c)}%`;
}

/** `column LIKE :param ESCAPE '!'`, for a pattern from containsPattern. */
export const likeSql = (column: string, param: string) => `${column} LIKE :${param} ESCAPE '${ESCAPE}'`;
