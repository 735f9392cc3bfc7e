import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSecretKeysFrom, parseRetiredKeys, resetSecretKeysForTests } from './keys';

const MASTER = randomBytes(32).toString('base64');
const PURPOSES = ['tokenLookupKey', 'pinKey', 'vaultKey', 'apiTokenKey', 'loginThrottleKey'] as const;

/** A fresh copy of keys.ts and env.ts (both cache), reading the stubbed environment. */
async function freshKeys(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const name of ['CARDSTOCK_SECRETS_KEY', 'CARDSTOCK_SECRETS_KEY_FILE', 'CARDSTOCK_SECRETS_KEY_ID']) {
    vi.stubEnv(name, vars[name]);
  }
  return import('./keys');
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetSecretKeysForTests();
});

describe('loadSecretKeysFrom', () => {
  it('derives a distinct 32-byte key per purpose, the same ones every time', () => {
    const keys = loadSecretKeysFrom(MASTER, 'k1');
    const again = loadSecretKeysFrom(MASTER, 'k1');
    expect(keys.keyId).toBe('k1');
    for (const purpose of PURPOSES) {
      expect(keys[purpose]).toHaveLength(32);
      expect(keys[purpose].equals(again[purpose])).toBe(true);
    }
    expect(new Set(PURPOSES.map((p) => keys[p].toString('hex'))).size).toBe(PURPOSES.length);
  });

  it('derives different keys from a different master key', () => {
    const a = loadSecretKeysFrom(MASTER, 'k1');
    const b = loadSecretKeysFrom(randomBytes(32).toString('base64'), 'k1');
    for (const purpose of PURPOSES) expect(a[purpose].equals(b[purpose])).toBe(false);
  });

  it('accepts surrounding whitespace and base64url', () => {
    const raw = randomBytes(32);
    const standard = loadSecretKeysFrom(`${raw.toString('base64')}\n`, 'k1');
    const url = loadSecretKeysFrom(raw.toString('base64url'), 'k1');
    expect(standard.pinKey.equals(url.pinKey)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['31 bytes', randomBytes(31).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['hex instead of base64', randomBytes(32).toString('hex')],
    ['junk characters', `${MASTER.slice(0, 20)}!!${MASTER.slice(20)}`],
  ])('refuses a master key that is %s, without echoing it', (_, value) => {
    const attempt = () => loadSecretKeysFrom(value, 'k1');
    expect(attempt).toThrow('CARDSTOCK_SECRETS_KEY must be 32 random bytes in base64');
    try {
      attempt();
    } catch (error) {
      if (value.length > 0) expect(String(error)).not.toContain(value);
    }
  });
});

describe('getSecretKeys', () => {
  it('explains how to configure the key when neither setting is present', async () => {
    const { getSecretKeys } = await freshKeys({});
    expect(getSecretKeys).toThrow(
      'CARDSTOCK_SECRETS_KEY (or CARDSTOCK_SECRETS_KEY_FILE) is not set: card secrets cannot be generated or verified. See README, Configuration.',
    );
  });

  it('reads CARDSTOCK_SECRETS_KEY and the key id, and caches the result', async () => {
    const { getSecretKeys } = await freshKeys({ CARDSTOCK_SECRETS_KEY: MASTER, CARDSTOCK_SECRETS_KEY_ID: 'k7' });
    const keys = getSecretKeys();
    expect(keys.keyId).toBe('k7');
    expect(keys.pinKey.equals(loadSecretKeysFrom(MASTER, 'k7').pinKey)).toBe(true);
    expect(getSecretKeys()).toBe(keys);
  });

  it("defaults the key id to 'k1'", async () => {
    const { getSecretKeys } = await freshKeys({ CARDSTOCK_SECRETS_KEY: MASTER });
    expect(getSecretKeys().keyId).toBe('k1');
  });

  it('reads the key from CARDSTOCK_SECRETS_KEY_FILE', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cardstock-key-')), 'key');
    writeFileSync(file, `${MASTER}\n`);
    const { getSecretKeys } = await freshKeys({ CARDSTOCK_SECRETS_KEY_FILE: file });
    expect(getSecretKeys().vaultKey.equals(loadSecretKeysFrom(MASTER, 'k1').vaultKey)).toBe(true);
  });

  it('names the file setting when the file is missing or holds a bad key', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cardstock-key-'));
    const missing = await freshKeys({ CARDSTOCK_SECRETS_KEY_FILE: path.join(dir, 'nope') });
    expect(missing.getSecretKeys).toThrow(/^CARDSTOCK_SECRETS_KEY_FILE: cannot read .*nope \(ENOENT\)\.$/);

    const bad = path.join(dir, 'bad');
    writeFileSync(bad, 'not-a-key');
    const malformed = await freshKeys({ CARDSTOCK_SECRETS_KEY_FILE: bad });
    expect(malformed.getSecretKeys).toThrow('CARDSTOCK_SECRETS_KEY_FILE');
    expect(malformed.getSecretKeys).not.toThrow('not-a-key');
  });

  it('refuses both settings at once', async () => {
    const { getSecretKeys } = await freshKeys({ CARDSTOCK_SECRETS_KEY: MASTER, CARDSTOCK_SECRETS_KEY_FILE: '/tmp/key' });
    expect(getSecretKeys).toThrow('Set only one of CARDSTOCK_SECRETS_KEY and CARDSTOCK_SECRETS_KEY_FILE.');
  });

  it('uses keys installed by resetSecretKeysForTests', async () => {
    const { getSecretKeys, resetSecretKeysForTests: install } = await freshKeys({});
    const keys = loadSecretKeysFrom(MASTER, 'test');
    install(keys);
    expect(getSecretKeys()).toBe(keys);
    install();
    expect(getSecretKeys).toThrow('is not set');
  });
});

describe('parseRetiredKeys', () => {
  const other = randomBytes(32).toString('base64');

  it('reads id:key entries separated by commas or lines, skipping blanks and comments', () => {
    const keys = parseRetiredKeys(`k0:${MASTER}\n# rotated 2026-11\n\nk-old:${other}`, 'k1');
    expect(keys.map((k) => k.keyId)).toEqual(['k0', 'k-old']);
    expect(keys[0]!.vaultKey.equals(loadSecretKeysFrom(MASTER, 'k0').vaultKey)).toBe(true);
    expect(parseRetiredKeys(`k0:${MASTER},k-old:${other}`, 'k1')).toHaveLength(2);
    expect(parseRetiredKeys('', 'k1')).toEqual([]);
  });

  it.each([
    ['a missing id', `:${MASTER}`, /entry 1 must be "key-id:base64-key"/],
    ['the current id again', `k1:${MASTER}`, /"k1" appears twice/],
    ['a repeated id', `k0:${MASTER},k0:${MASTER}`, /"k0" appears twice/],
    ['a short key', 'k0:c2hvcnQ=', /must be 32 random bytes/],
  ])('refuses %s, without echoing any key', (_label, text, message) => {
    let error: unknown;
    try {
      parseRetiredKeys(text, 'k1');
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(message);
    expect(String(error)).not.toContain(MASTER);
  });
});
