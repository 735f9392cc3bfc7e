import { describe, expect, it } from 'vitest';
import { isPrivateAddress, resolveReceiver } from './address-guard';

describe('webhook SSRF guard', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'febf::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.1.2.3',
    '::ffff:a9fe:a9fe',
    '::127.0.0.1',
    '64:ff9b::7f00:1',
    'not-an-address',
  ])('refuses %s', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.0.2.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', 'fec0::1'])('allows %s', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  it('checks every address a host resolves to (localhost), and IP literals in brackets', async () => {
    await expect(resolveReceiver(new URL('http://localhost:9/x'), false)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(resolveReceiver(new URL('http://[::1]:9/x'), false)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(resolveReceiver(new URL('http://[::ffff:127.0.0.1]:9/x'), false)).rejects.toMatchObject({ code: 'UNPROCESSABLE' });
    await expect(resolveReceiver(new URL('http://2130706433/x'), false)).rejects.toMatchObject({ code: 'UNPROCESSABLE' }); // 127.0.0.1 in decimal
    await expect(resolveReceiver(new URL('http://localhost:9/x'), true)).resolves.toMatchObject({ address: expect.any(String) });
    await expect(resolveReceiver(new URL('http://8.8.8.8/x'), false)).resolves.toEqual({ address: '8.8.8.8', family: 4 });
  });
});
