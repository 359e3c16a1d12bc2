import { describe, expect, it } from 'vitest';
import { formatMessage, variablesOf } from './format';

const TICKETS_SK = '{count, plural, one {# požiadavka} few {# požiadavky} other {# požiadaviek}}';

describe('formatMessage', () => {
  it('fills plain variables and leaves unknown ones visible', () => {
    expect(formatMessage('{shown} of {total}', { shown: 20, total: 31 }, 'en')).toBe('20 of 31');
    expect(formatMessage('Hello {name}', {}, 'en')).toBe('Hello {name}');
  });

  it('picks the English singular and plural', () => {
    const text = '{count, plural, one {# ticket} other {# tickets}}';
    expect(formatMessage(text, { count: 1 }, 'en')).toBe('1 ticket');
    expect(formatMessage(text, { count: 0 }, 'en')).toBe('0 tickets');
    expect(formatMessage(text, { count: 1234 }, 'en')).toBe('1,234 tickets');
  });

  it("follows Slovak's one / few / other", () => {
    expect(formatMessage(TICKETS_SK, { count: 1 }, 'sk')).toBe('1 požiadavka');
    expect(formatMessage(TICKETS_SK, { count: 3 }, 'sk')).toBe('3 požiadavky');
    expect(formatMessage(TICKETS_SK, { count: 5 }, 'sk')).toBe('5 požiadaviek');
  });

  it('prefers an exact match and keeps text around the plural', () => {
    const text = 'Found {count, plural, =0 {nothing} one {# account} other {# accounts}} for {search}';
    expect(formatMessage(text, { count: 0, search: 'x' }, 'en')).toBe('Found nothing for x');
    expect(formatMessage(text, { count: 2, search: 'x' }, 'en')).toBe('Found 2 accounts for x');
  });
});

describe('variablesOf', () => {
  it('names plural and plain variables once each', () => {
    expect(variablesOf(`${TICKETS_SK} in {company}`)).toEqual(['company', 'count']);
    expect(variablesOf('{count} tickets')).toEqual(['count']);
  });
});
