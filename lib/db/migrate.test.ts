import { describe, expect, it } from 'vitest';
import { findPending, managesOwnTransaction, MigrationDriftError, type LocalMigration } from './migrate';

const local: LocalMigration[] = [
  { name: '20260101000000_init', sql: 'x', checksum: 'a' },
  { name: '20260201000000_more', sql: 'y', checksum: 'b' },
];
const done = (name: string, checksum: string) => ({ migration_name: name, checksum, finished_at: new Date() });

describe('findPending', () => {
  it('returns every migration for an empty database and none when all are applied', () => {
    expect(findPending(local, []).map((m) => m.name)).toEqual(['20260101000000_init', '20260201000000_more']);
    expect(findPending(local, [done('20260101000000_init', 'a'), done('20260201000000_more', 'b')])).toEqual([]);
  });

  it('returns only the new ones', () => {
    expect(findPending(local, [done('20260101000000_init', 'a')]).map((m) => m.name)).toEqual(['20260201000000_more']);
  });

  it('refuses an applied migration that was edited', () => {
    expect(() => findPending(local, [done('20260101000000_init', 'changed')])).toThrow(MigrationDriftError);
    expect(() => findPending(local, [done('20260101000000_init', 'changed')])).toThrow(/modified after it was applied/);
  });

  it('refuses a database that has a migration this checkout lacks', () => {
    expect(() => findPending(local, [done('20250101000000_gone', 'z')])).toThrow(/not in prisma\/migrations/);
  });

  it('refuses a half-applied migration', () => {
    expect(() => findPending(local, [{ migration_name: '20260101000000_init', checksum: 'a', finished_at: null }])).toThrow(/never finished/);
  });
});

describe('managesOwnTransaction', () => {
  it('spots migrations with their own BEGIN/COMMIT', () => {
    expect(managesOwnTransaction('BEGIN;\nALTER TYPE "x" RENAME TO "y";\nCOMMIT;\n')).toBe(true);
    expect(managesOwnTransaction('CREATE TABLE "begin_log" (id int);')).toBe(false);
    expect(managesOwnTransaction('-- BEGIN; in a comment is not at line start\nSELECT 1;')).toBe(false);
  });
});
