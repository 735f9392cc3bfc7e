// npm run db:migrate — apply pending migrations to the configured database (DATABASE_URL, or the
// embedded one under CARDSTOCK_DATA_DIR). Safe to run twice; refuses a drifted history.
import { migrate, MigrationDriftError } from '@/lib/db/migrate';
import { openConfiguredDatabase } from '@/lib/db/open';

const database = await openConfiguredDatabase();
try {
  const result = await migrate(database.url, { log: (line) => console.log(line) });
  console.log(
    result.applied.length === 0
      ? `Database (${database.kind}) is up to date: ${result.alreadyApplied} migration(s) applied earlier.`
      : `Applied ${result.applied.length} migration(s) to the ${database.kind} database.`,
  );
} catch (error) {
  console.error(error instanceof MigrationDriftError ? `Refusing to migrate: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
