import { graphql } from '../gql';

/** The userErrors selection of every mutation payload: `userErrors { ...UserErrorFields }`. */
graphql(`
  fragment UserErrorFields on UserError {
    code
    message
    field
  }
`);

/** A mutation payload's userErrors, as the API returns them. */
export interface UserErrorLike {
  code: string;
  message: string;
  field?: readonly string[] | null;
}

/**
 * Maps userErrors to form fields: the last segment of `field` (["input", "email"] → "email").
 * Errors without a field are returned under `null` for a form-level alert.
 */
export function errorsByField(errors: readonly UserErrorLike[]): Map<string | null, UserErrorLike> {
  const byField = new Map<string | null, UserErrorLike>();
  for (const e of errors) {
    const key = e.field && e.field.length > 0 ? e.field[e.field.length - 1] : null;
    if (!byField.has(key)) byField.set(key, e);
  }
  return byField;
}

/**
 * Spreads userErrors over a form: each on its field when the form has that field, the rest under
 * `form` (an alert above the fields). `redirect` sends a code to a field whatever path the server names.
 */
export function formErrors<F extends string>(
  errors: readonly UserErrorLike[],
  fields: readonly F[],
  text: (e: UserErrorLike) => string,
  redirect: Partial<Record<string, F>> = {},
): Partial<Record<F | 'form', string>> {
  const out: Partial<Record<F | 'form', string>> = {};
  for (const [field, e] of errorsByField(errors)) {
    const target = redirect[e.code] ?? (fields.find((f) => f === field) || 'form');
    out[target] ??= text(e);
  }
  return out;
}
