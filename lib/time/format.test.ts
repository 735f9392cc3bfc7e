import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDate, formatDateTime, formatTime, formatValidThrough } from './format';

describe('one date format everywhere', () => {
  it('formats a typed expiry date like the receipt formats the card’s expiry', () => {
    // The receipt: expiresAt is the start of 2 Dec in Oslo; the last valid day is 1 Dec.
    const expiresAt = new Date('2029-12-01T23:00:00Z');
    expect(formatValidThrough(expiresAt, 'Europe/Oslo')).toBe('1 Dec 2029');
    expect(formatCalendarDate('2029-12-01')).toBe(formatValidThrough(expiresAt, 'Europe/Oslo'));
  });

  it('shows times in the account’s zone, not UTC', () => {
    const at = '2026-12-01T12:12:00Z';
    expect(formatTime(at, 'Europe/Oslo')).toBe('13:12');
    expect(formatDateTime(at, 'Europe/Oslo')).toBe('1 Dec 2026, 13:12');
    expect(formatDate(at, 'Europe/Oslo')).toBe('1 Dec 2026');
  });

  it('follows the locale', () => {
    expect(formatCalendarDate('2029-12-01', 'nb-NO')).toBe('1. des. 2029');
  });

  it('leaves a malformed date as typed', () => {
    expect(formatCalendarDate('soon')).toBe('soon');
  });
});
