import { describe, expect, it } from 'vitest';
import { hashPassword, hashStats, MAX_CONCURRENT_HASHES, verifyAgainstDummy, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed and rejects others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batter', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('stores scrypt parameters with the hash and never the password', async () => {
    const hash = await hashPassword('hunter2-hunter2');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain('hunter2');
  });

  it('treats malformed stored hashes as a mismatch instead of throwing', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
  });

  it('normalises Unicode so the same typed password verifies from any keyboard', async () => {
    const hash = await hashPassword('blåbær-syltetøy'.normalize('NFC'));
    expect(await verifyPassword('blåbær-syltetøy'.normalize('NFD'), hash)).toBe(true);
  });

  it('dummy verification always fails', async () => {
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });

  it(`runs at most ${MAX_CONCURRENT_HASHES} hash(es) at once, however many are asked for; the rest wait their turn`, async () => {
    const hash = await hashPassword('queued');
    let busiest = 0;
    let longestQueue = 0;
    const sampler = setInterval(() => {
      const { running, waiting } = hashStats();
      busiest = Math.max(busiest, running);
      longestQueue = Math.max(longestQueue, waiting);
    }, 1);
    try {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => verifyPassword(i === 0 ? 'queued' : `wrong-${i}`, hash)));
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      clearInterval(sampler);
    }
    expect(busiest).toBe(MAX_CONCURRENT_HASHES);
    expect(longestQueue).toBeGreaterThan(0);
    expect(hashStats()).toMatchObject({ running: 0, waiting: 0 });
  }, 30_000);

  it('a dummy verification computes no hash but waits as long as a real one takes now', async () => {
    const hash = await hashPassword('timing');
    await verifyAgainstDummy('warm-up'); // measured already: no calibration hash needed
    const hashesBefore = hashStats().completed;
    for (let i = 0; i < 3; i++) {
      // The wait is the measured hash time (±10 %): compare with that measurement, not with a
      // second timing on a shared, noisy test machine.
      const expected = hashStats().typicalMs;
      const started = performance.now();
      await verifyAgainstDummy(`x-${i}`);
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(expected * 0.89);
      expect(waited).toBeLessThan(expected * 1.11 + 100);
    }
    expect(hashStats().completed).toBe(hashesBefore);
    // And the measurement follows real verifications.
    const realMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await verifyPassword(`x-${i}`, hash);
      realMs.push(performance.now() - started);
    }
    expect(hashStats().completed - hashesBefore).toBe(3);
    const { typicalMs } = hashStats();
    expect(typicalMs).toBeGreaterThan(Math.min(...realMs) * 0.5);
    expect(typicalMs).toBeLessThan(Math.max(...realMs) * 2);
  }, 30_000);
});
