import { describe, expect, it } from 'vitest';
import { preparedStatementNames } from './client';

describe('prepared statement names', () => {
  it('name the same SQL alike and different SQL apart, and stop naming past the cap', () => {
    const name = preparedStatementNames();
    const a = name({ sql: 'SELECT 1' });
    expect(a).toMatch(/^cs_[0-9a-f]{20}$/);
    expect(name({ sql: 'SELECT 1' })).toBe(a);
    expect(name({ sql: 'SELECT 2' })).not.toBe(a);
    for (let i = 0; i < 2000; i++) name({ sql: `SELECT ${i} + 1` });
    // Past the cap a new text runs unnamed (''), while the named ones keep their names.
    expect(name({ sql: 'SELECT "new"' })).toBe('');
    expect(name({ sql: 'SELECT 1' })).toBe(a);
  });
});
