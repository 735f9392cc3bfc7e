import { randomBytes } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPin, hashToken, normalizeTokenInput, verifyPin } from './hash';
import { loadSecretKeysFrom, resetSecretKeysForTests } from './keys';

const KEYS = loadSecretKeysFrom(randomBytes(32).toString('base64'), 'k1');
const CARD = '0b0a6f0e-3f43-4d0e-9d1c-2a8f5a0c6b11';

beforeEach(() => resetSecretKeysForTests(KEYS));
afterAll(() => resetSecretKeysForTests());

describe('hashToken / hashPin', () => {
  it('are deterministic 64-character hex HMACs', () => {
    expect(hashToken('T12345678', 'GC123')).toBe(hashToken('T12345678', 'GC123'));
    expect(hashToken('T12345678', 'GC123')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashPin(CARD, '1234')).toBe(hashPin(CARD, '1234'));
    expect(hashPin(CARD, '1234')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('use separate keys: a token hash is never the PIN hash of the same input', () => {
    expect(hashToken('abc', '1234')).not.toBe(hashPin('abc', '1234'));
  });

  it.each([
    ['another account', () => hashToken('T12345678', 'GC123'), () => hashToken('P12345678', 'GC123')],
    ['another token', () => hashToken('T12345678', 'GC123'), () => hashToken('T12345678', 'GC124')],
    ['another card', () => hashPin(CARD, '1234'), () => hashPin('11111111-3f43-4d0e-9d1c-2a8f5a0c6b11', '1234')],
    // The separator keeps ("a", "b\nc") and ("a\nb", "c") apart only because ids contain no newline.
    ['a shifted boundary', () => hashToken('T1', '23'), () => hashToken('T12', '3')],
  ])('%s gives a different hash', (_, first, second) => {
    expect(first()).not.toBe(second());
  });

  it('change with the master key', () => {
    const before = hashToken('T12345678', 'GC123');
    resetSecretKeysForTests(loadSecretKeysFrom(randomBytes(32).toString('base64'), 'k2'));
    expect(hashToken('T12345678', 'GC123')).not.toBe(before);
  });
});

describe('verifyPin', () => {
  const stored = () => hashPin(CARD, '4821');

  it.each([
    ['the right PIN', CARD, '4821', true],
    ['a wrong PIN', CARD, '4822', false],
    ['the right PIN on another card', '11111111-3f43-4d0e-9d1c-2a8f5a0c6b11', '4821', false],
    ['an empty PIN', CARD, '', false],
  ])('%s → %s', (_, card, pin, expected) => {
    expect(verifyPin(card, pin, stored())).toBe(expected);
  });

  it('is false (not an exception) for a malformed stored hash', () => {
    expect(verifyPin(CARD, '4821', '')).toBe(false);
    expect(verifyPin(CARD, '4821', stored().slice(1))).toBe(false);
    expect(verifyPin(CARD, '4821', stored().toUpperCase())).toBe(false);
  });
});

describe('normalizeTokenInput', () => {
  it.each([
    ['  GC-1234\n', 'GC-1234'],
    ['\tDINCARD:AB-CD ', 'DINCARD:AB-CD'],
    ['12 34', '12 34'],
    ['gc1234', 'gc1234'],
  ])('%j → %j (only surrounding whitespace is removed)', (raw, expected) => {
    expect(normalizeTokenInput(raw)).toBe(expected);
  });
});
