import { describe, expect, it } from 'vitest';
import { toDecimal } from './decimal';
import { asOfSchema, monthPeriod, periodSchema, resolveAsOf, resolvePeriod } from './schemas';

describe('report inputs', () => {
  const now = new Date('2026-12-01T10:00:00Z');

  it.each([
    [BigInt(0), '0.00'],
    [BigInt(5), '0.05'],
    [BigInt(-5), '-0.05'],
    [BigInt(123456), '1234.56'],
    [BigInt('9007199254740993'), '90071992547409.93'],
  ])('writes %s minor units as %s', (minor, text) => {
    expect(toDecimal(minor, 'NOK')).toBe(text);
  });

  it('as of a day means the end of that day in the chain’s time zone; no day means now; a future day is now', () => {
    expect(resolveAsOf(asOfSchema.parse({ asOf: '2026-11-30' }), 'Europe/Oslo', now).at.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(resolveAsOf(asOfSchema.parse({}), 'Europe/Oslo', now).at).toEqual(now);
    expect(resolveAsOf(asOfSchema.parse({ asOf: '2027-01-01' }), 'Europe/Oslo', now).at).toEqual(now);
    expect(asOfSchema.safeParse({ asOf: '2026-13-45' }).success).toBe(false);
  });

  it('a period of the last N days ends now; from/to are inclusive days', () => {
    const last30 = resolvePeriod(periodSchema.parse({ days: '30' }), 'Europe/Oslo', now);
    expect([last30.fromDate, last30.toDate, last30.end]).toEqual(['2026-11-02', '2026-12-01', now]);
    const nov = resolvePeriod(periodSchema.parse({ from: '2026-11-01', to: '2026-11-30' }), 'Europe/Oslo', now);
    expect([nov.start.toISOString(), nov.end.toISOString()]).toEqual(['2026-10-31T23:00:00.000Z', '2026-11-30T23:00:00.000Z']);
    expect(periodSchema.safeParse({ days: '31' }).success).toBe(false);
    expect(periodSchema.safeParse({ granularity: 'year' }).success).toBe(false);
  });

  it('a month is [first day, first day of the next) in the chain’s time zone', () => {
    const dec = monthPeriod('2026-12', 'Europe/Oslo');
    expect([dec.start.toISOString(), dec.end.toISOString(), dec.toDate]).toEqual(['2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z', '2026-12-31']);
  });
});
