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
