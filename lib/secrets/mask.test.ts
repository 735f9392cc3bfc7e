import { describe, expect, it } from 'vitest';
import { maskSecret } from './mask';

describe('maskSecret', () => {
  it.each([
    ['GC1234567890123456', 'GC', 'GC************3456'],
    ['1234567890123456', '', '************3456'],
    ['DINCARD:ABCD-EFGH-JKLM', 'DINCARD:', 'DINCARD:**********JKLM'],
    ['123456789', '', '*****6789'],
    ['12345678', '', '******78'],
    ['GC-1234', 'GC-', 'GC-**34'],
    ['123', '', '**3'],
    ['1', '', '*'],
    ['', '', ''],
    // A value that lacks its prefix is masked whole rather than trusted.
    ['XX1234567890', 'GC', '********7890'],
  ])('maskSecret(%j, %j) is %j', (value, prefix, expected) => {
    expect(maskSecret(value, prefix)).toBe(expected);
  });

  it('never shows more than 4 generated characters, nor more than half', () => {
    for (let length = 1; length <= 64; length++) {
      const generated = 'A'.repeat(length);
      const shown = maskSecret(`P:${generated}`, 'P:').slice(2).replace(/\*/g, '');
      expect(shown.length).toBeLessThanOrEqual(Math.min(4, length / 2));
    }
  });
});
