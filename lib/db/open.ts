/**
 * For command-line scripts: the configured database, whichever kind it is. With DATABASE_URL,
 * that server; otherwise the embedded database (joining the app if it is running, or opening the
 * data directory for the duration of the script).
 */
import { dataDir, getEnv } from '@/lib/env';
import { openEmbedded } from './embedded';

export interface OpenDatabase {
  url: string;
  kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

export async function openConfiguredDatabase(): Promise<OpenDatabase> {
  const env = getEnv();
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, kind: 'postgres', close: async () => {} };
  const embedded = await openEmbedded(dataDir(env));
  return { url: embedded.url, kind: 'embedded', close: () => embedded.close() };
}
