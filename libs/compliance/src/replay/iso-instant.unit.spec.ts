import { isIsoTextOf } from './iso-instant';

describe('telling whether a text is the ISO-8601 form of an instant', () => {
  it('given instants across leap years, month ends and milliseconds, then it agrees with toISOString', () => {
    const instants = [0, 951_782_400_000, 951_868_799_999, 1_709_164_800_000, 1_772_461_800_123, 4_107_542_399_999, 253_402_300_799_999];
    for (let n = 0; n < 2_000; n++) instants.push(Math.floor((n * 2_654_435_761) % 253_402_300_800_000));

    for (const ms of instants) {
      const iso = new Date(ms).toISOString();
      expect([isIsoTextOf(iso, ms), isIsoTextOf(iso, ms + 1), isIsoTextOf(new Date(ms + 1).toISOString(), ms)]).toEqual([true, false, false]);
    }
  });

  it.each([
    ['2024-03-01T00:00:00.000Z', '2024-02-29T24:00:00.000Z'],
    ['2023-03-02T00:00:00.000Z', '2023-02-30T00:00:00.000Z'],
    ['2026-03-02T14:30:00.000Z', '2026-03-02T14:30:00Z'],
    ['2026-03-02T14:30:00.000Z', '2026-03-02T14:30:00.000+00:00'],
    ['2026-03-02T14:30:00.000Z', '2026-03-02t14:30:00.000Z'],
    ['1975-01-01T00:00:00.000Z', '0075-01-01T00:00:00.000Z'],
    ['2026-03-02T14:30:00.000Z', '2026-03-02T14:30:00.-00Z'],
  ])('given %s, then the other spelling %s of that (or no) instant is not its ISO text', (iso, other) => {
    expect(isIsoTextOf(iso, Date.parse(iso))).toBe(true);
    expect(isIsoTextOf(other, Date.parse(iso))).toBe(false);
  });

  it('given instants outside 1970..9999, then it compares with toISOString', () => {
    expect(isIsoTextOf('1969-12-31T23:59:59.999Z', -1)).toBe(true);
    expect(isIsoTextOf('+010000-01-01T00:00:00.000Z', 253_402_300_800_000)).toBe(true);
    expect(isIsoTextOf('1969-12-31T23:59:59.999Z', Number.NaN)).toBe(false);
  });
});
