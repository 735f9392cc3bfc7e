import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('trusts no header without trusted proxies', () => {
    expect(clientAddress('198.51.100.7', 0)).toBeNull();
  });

  it('takes the entry the nearest trusted proxy wrote, not what the client sent', () => {
    // The client sent "1.2.3.4"; one proxy appended the address it saw.
    expect(clientAddress('1.2.3.4, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('1.2.3.4, 198.51.100.7, 10.0.0.2', 2)).toBe('198.51.100.7');
  });

  it('gives up when the header has fewer entries than trusted hops, or none', () => {
    expect(clientAddress('198.51.100.7', 2)).toBeNull();
    expect(clientAddress(null, 1)).toBeNull();
    expect(clientAddress(' , ', 1)).toBeNull();
  });
});
