import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { secretsDeadlineFrom } from './create-card-batch';

describe('secrets deadline', () => {
  const ordered = new Date('2026-11-24T10:00:00Z');
  it('is 14 days after ordering by default', () => {
    expect(secretsDeadlineFrom(ordered, parseEnv({}))).toEqual(new Date('2026-12-08T10:00:00Z'));
  });
  it('follows CARDSTOCK_SECRETS_RETENTION_DAYS', () => {
    expect(secretsDeadlineFrom(ordered, parseEnv({ CARDSTOCK_SECRETS_RETENTION_DAYS: '3' }))).toEqual(new Date('2026-11-27T10:00:00Z'));
    expect(() => parseEnv({ CARDSTOCK_SECRETS_RETENTION_DAYS: '0' })).toThrow(/CARDSTOCK_SECRETS_RETENTION_DAYS/);
  });
});
