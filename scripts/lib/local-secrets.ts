/**
 * For the demo and for tests only: keys generated once and kept in the data directory (mode 0600),
 * so `npm run demo` works on a fresh machine without configuration. Production sets AUTH_SECRET
 * and CARDSTOCK_SECRETS_KEY(_FILE) itself; `npm start` refuses to run without them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LocalSecrets {
  AUTH_SECRET: string;
  CARDSTOCK_SECRETS_KEY: string;
}

export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = {
    AUTH_SECRET: randomBytes(33).toString('base64'),
    CARDSTOCK_SECRETS_KEY: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
