/*
 * Company names are unique among siblings (issue 17): two companies under the same parent, or two
 * roots, may not have the same name compared case-insensitively, trimmed, with runs of whitespace
 * as one space and Unicode in one normal form (NFC). The database holds the comparison key
 * (`company.name_key`, binary collation) and the parent's id or '' for a root (`company.parent_key`:
 * NULLs are distinct in a unique index on SQLite and MariaDB alike), under one unique index.
 */

/** The parent key of a company: its parent's id, or '' for a root. */
export const companyParentKey = (parentId: string | null): string => parentId ?? '';

/** The comparison key of a company name (at most 400 characters: lower-casing can lengthen a 200-character name). */
export const companyNameKey = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 400);

/** The unique index over (parent_key, name_key). */
export const COMPANY_NAME_INDEX = 'ux_company_parent_name';

/**
 * `name` made unique among `taken` (comparison keys of its siblings): itself when free, else the
 * first free of `name (2)`, `name (3)`, … (the name shortened to stay within `max` characters).
 */
export function uniqueCompanyName(name: string, taken: ReadonlySet<string>, max = 200): string {
  if (!taken.has(companyNameKey(name))) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, max - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(companyNameKey(candidate))) return candidate;
  }
}
