const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `date.toISOString()`, the same text, built from the UTC getters: V8's own takes ~1 µs a call,
 * this a third of that, and a page of 50 tickets formats each creation time twice (the field and
 * the cursor). Years outside 1000–9999 (padded or signed in ISO form) and invalid dates go to the
 * built-in, which also throws for an invalid date as before.
 */
export function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  return `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}.${three(date.getUTCMilliseconds())}Z`;
}
