export type Strength = 'weak' | 'fair' | 'good' | 'strong';

/** A rough hint, not a rule: the server only requires 12 characters. Length counts most. */
export function passwordStrength(password: string): Strength {
  if (password.length < 12) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const distinct = new Set(password).size;
  if (distinct < 6) return 'fair';
  if (password.length >= 20 || (password.length >= 16 && classes >= 3)) return 'strong';
  if (password.length >= 14 || classes >= 3) return 'good';
  return 'fair';
}
