// npm run db:restore -- <file> --yes — restore a backup of `npm run db:backup` into the
// configured database (README, "Backups"). Stop the app first.
//
// DATABASE_URL: pg_restore --clean in one transaction (the objects of the backup are replaced;
// a failed restore changes nothing). Embedded: the data directory is replaced by the backup's and
// the old one is kept beside it as pgdata.before-restore-<time>. Without --yes it only says what
// it would do.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupKindOf, restoreEmbedded, restorePostgres } from '@/lib/db/backup';
import { dataDir, getEnv } from '@/lib/env';

const env = getEnv();
const kind = env.DATABASE_URL ? 'postgres' : 'embedded';
const file = process.argv.slice(2).find((a) => !a.startsWith('--'));

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!file) fail('Usage: npm run db:restore -- <backup file> --yes');
const full = path.resolve(file);
if (!existsSync(full)) fail(`No such file: ${full}`);
const fileKind = backupKindOf(full);
if (!fileKind) fail(`${full} is not a backup of npm run db:backup (neither a pg_dump custom-format file nor a PGlite tarball).`);
if (fileKind !== kind) {
  fail(
    `${full} is a backup of ${fileKind === 'postgres' ? 'a PostgreSQL server' : 'the embedded database'}, but the configured database is ${kind === 'postgres' ? 'DATABASE_URL' : 'the embedded one'}.`,
  );
}
const target = env.DATABASE_URL ? new URL(env.DATABASE_URL).pathname.slice(1) || 'postgres' : dataDir(env);
if (!process.argv.includes('--yes')) {
  fail(`This replaces the ${kind} database ${target} with ${full}. Stop the app, then run again with --yes.`);
}

try {
  if (env.DATABASE_URL) {
    restorePostgres(env.DATABASE_URL, full);
    console.log(`Restored ${full} into database ${target}.`);
  } else {
    const movedTo = await restoreEmbedded(dataDir(env), full);
    console.log(`Restored ${full} into ${target}.${movedTo ? ` The previous data directory is kept at ${movedTo}.` : ''}`);
  }
} catch (error) {
  console.error(`Restore failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
