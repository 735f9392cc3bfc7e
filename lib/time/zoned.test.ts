import { describe, expect, it } from 'vitest';
import { addMonths, calendarDateOf, dayRange, formatIsoDate, isValidTimeZone, parseIsoDate, startOfDay } from './zoned';

describe('calendar days in a time zone', () => {
  it('finds local midnight in winter and summer time', () => {
    expect(startOfDay({ year: 2026, month: 1, day: 15 }, 'Europe/Oslo').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfDay({ year: 2026, month: 7, day: 15 }, 'Europe/Oslo').toISOString()).toBe('2026-07-14T22:00:00.000Z');
    expect(startOfDay({ year: 2026, month: 7, day: 15 }, 'UTC').toISOString()).toBe('2026-07-15T00:00:00.000Z');
    expect(startOfDay({ year: 2026, month: 7, day: 15 }, 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });

  it('spans 23 and 25 hours on the days the clocks change', () => {
    const spring = dayRange(new Date('2026-03-29T12:00:00Z'), 'Europe/Oslo');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const autumn = dayRange(new Date('2026-10-25T12:00:00Z'), 'Europe/Oslo');
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3600_000);
  });

  it('puts an instant after local midnight on the next local day', () => {
    // 23:30 UTC on 14 Jan is 00:30 on 15 Jan in Oslo.
    expect(calendarDateOf(new Date('2026-01-14T23:30:00Z'), 'Europe/Oslo')).toEqual({ year: 2026, month: 1, day: 15 });
    expect(calendarDateOf(new Date('2026-01-14T23:30:00Z'), 'UTC')).toEqual({ year: 2026, month: 1, day: 14 });
  });

  it('adds months, clamping to the end of shorter months', () => {
    expect(addMonths({ year: 2026, month: 11, day: 23 }, 36)).toEqual({ year: 2029, month: 11, day: 23 });
    expect(addMonths({ year: 2027, month: 1, day: 31 }, 1)).toEqual({ year: 2027, month: 2, day: 28 });
    expect(addMonths({ year: 2028, month: 1, day: 31 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('reads and writes YYYY-MM-DD and refuses dates that do not exist', () => {
    expect(parseIsoDate('2029-11-23')).toEqual({ year: 2029, month: 11, day: 23 });
    expect(formatIsoDate({ year: 2029, month: 1, day: 2 })).toBe('2029-01-02');
    for (const bad of ['2029-02-30', '2029-13-01', '29-1-2', '', '2029-11-23T00:00']) expect(parseIsoDate(bad), bad).toBeNull();
  });

  it('knows real time zones', () => {
    expect(isValidTimeZone('Europe/Oslo')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
