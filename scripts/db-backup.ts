// npm run db:backup [-- --out <file>] — back up the configured database (README, "Backups").
//
// DATABASE_URL: a pg_dump custom-format file, taken while the app runs. Embedded (PGlite under
// CARDSTOCK_DATA_DIR): PGlite's gzipped data-directory dump; stop the app first (refused while it
// runs). Default file: backups/cardstock-<kind>-<UTC time>.dump | .tar.gz
import { statSync } from 'node:fs';
import path from 'node:path';
import { backupEmbedded, backupPostgres } from '@/lib/db/backup';
import { dataDir, getEnv } from '@/lib/env';

const env = getEnv();
const kind = env.DATABASE_URL ? 'postgres' : 'embedded';
const outIndex = process.argv.indexOf('--out');
const stamp = new Date()
  .toISOString()
  .replace(/[:.]/g, '-')
  .replace(/-\d{3}Z$/, 'Z');
const file = path.resolve(
  outIndex >= 0 && process.argv[outIndex + 1] ? process.argv[outIndex + 1]! : `backups/cardstock-${kind}-${stamp}.${kind === 'postgres' ? 'dump' : 'tar.gz'}`,
);

try {
  if (env.DATABASE_URL) backupPostgres(env.DATABASE_URL, file);
  else await backupEmbedded(dataDir(env), file);
  console.log(
    `Backed up the ${kind} database to ${file} (${(statSync(file).size / 1024).toFixed(0)} KiB). Restore with: npm run db:restore -- ${path.relative(process.cwd(), file)} --yes`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
