import fc from 'fast-check';
import { isoString } from '../../src/shared/iso-date';

describe('isoString', () => {
  it('is Date.prototype.toISOString for every representable date', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(isoString(date)).toBe(date.toISOString());
      }),
      { numRuns: 5000 },
    );
    // the edges of its own range and of the padded and signed forms around it
    for (const text of [
      '0999-12-31T23:59:59.999Z',
      '1000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '-000001-01-01T00:00:00.000Z',
      '2024-02-29T07:08:09.010Z',
    ]) {
      const date = new Date(text);
      expect(isoString(date)).toBe(date.toISOString());
      expect(isoString(date)).toBe(text);
    }
  });

  it('throws for an invalid date, as the built-in does', () => {
    expect(() => isoString(new Date(Number.NaN))).toThrow(RangeError);
  });
});
