import { describe, expect, it } from 'vitest';
import { ownTokenExpiresAt, tokenState } from './token-state';

const now = new Date('2027-01-01T12:00:00Z');
const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('token state', () => {
  it.each([
    ['no expiry, reusable', { expiresAt: null, isSingleUse: false, usedAt: null }, 'live'],
    ['expires later', { expiresAt: at(1), isSingleUse: false, usedAt: null }, 'live'],
    ['expires exactly now', { expiresAt: at(0), isSingleUse: false, usedAt: null }, 'expired'],
    ['single use, not yet used', { expiresAt: null, isSingleUse: true, usedAt: null }, 'live'],
    ['single use, used', { expiresAt: at(60), isSingleUse: true, usedAt: at(-5) }, 'used'],
    ['single use, used and expired', { expiresAt: at(-1), isSingleUse: true, usedAt: at(-5) }, 'expired'],
  ] as const)('%s → %s', (_label, match, expected) => {
    expect(tokenState(match, now)).toBe(expected);
  });

  it('a card’s own token lives token_expires_in seconds from activation, and has no end before it', () => {
    expect(ownTokenExpiresAt({ activatedAt: now, tokenExpiresIn: 90 })).toEqual(at(90));
    expect(ownTokenExpiresAt({ activatedAt: null, tokenExpiresIn: 90 })).toBeNull();
    expect(ownTokenExpiresAt({ activatedAt: now, tokenExpiresIn: null })).toBeNull();
  });
});
