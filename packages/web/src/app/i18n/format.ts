/**
 * Fills a catalogue text: `{name}` takes a variable, and the ICU-style
 * `{count, plural, one {# ticket} other {# tickets}}` picks the form the language's plural rules
 * ask for (Slovak needs one/few/other, so "{count} tickets" cannot be translated word for word).
 * `#` is the number, formatted for the locale; `=0`-style exact matches win over categories.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|\w+)\s*\{[^{}]*\})+)\s*\}/g;
const FORM = /(=\d+|\w+)\s*\{([^{}]*)\}/g;

export function formatMessage(text: string, vars: Record<string, string | number> | undefined, locale: string): string {
  if (!vars) return text;
  const withPlurals = text.replace(PLURAL, (whole, name: string, body: string) => {
    const value = Number(vars[name]);
    if (!(name in vars) || Number.isNaN(value)) return whole;
    const forms = new Map([...body.matchAll(FORM)].map((f) => [f[1], f[2]]));
    const form = forms.get(`=${value}`) ?? forms.get(new Intl.PluralRules(locale).select(value)) ?? forms.get('other') ?? '';
    return form.replace(/#/g, new Intl.NumberFormat(locale).format(value));
  });
  return withPlurals.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The variables a text uses, plain or plural: translations must keep the same set. */
export function variablesOf(text: string): string[] {
  const plural = [...text.matchAll(PLURAL)].map((m) => m[1]);
  const plain = [...text.replace(PLURAL, '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return [...new Set([...plural, ...plain])].sort();
}
