import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('defaults to the embedded database in ./data on port 3000', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CARDSTOCK_DATA_DIR).toBe('./data');
    expect(env.PORT).toBe(3000);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('accepts postgres URLs and refuses anything else, naming the variable', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db:5432/cardstock' }).DATABASE_URL).toBe('postgres://u:p@db:5432/cardstock');
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db/cardstock' })).toThrow(/DATABASE_URL/);
  });

  it('refuses a short AUTH_SECRET and a bad PORT', () => {
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
