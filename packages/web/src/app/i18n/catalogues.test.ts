import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';
import { variablesOf } from './format';
import { sk } from './sk';

const placeholders = variablesOf;
const translations: Record<string, Record<string, string>> = { de, sk };

describe.each(Object.entries(translations))('the %s catalogue', (_, catalogue) => {
  it('has every key English has', () => {
    expect(Object.keys(en).filter((key) => !(key in catalogue))).toEqual([]);
  });

  it('has no key English lacks', () => {
    expect(Object.keys(catalogue).filter((key) => !(key in en))).toEqual([]);
  });

  it('keeps every placeholder and translates nothing to an empty text', () => {
    for (const [key, text] of Object.entries(en)) {
      const translated = catalogue[key] ?? '';
      expect.soft(translated.trim(), key).not.toBe('');
      expect.soft(placeholders(translated), key).toEqual(placeholders(text));
    }
  });
});
