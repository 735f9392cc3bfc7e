/**
 * `npm run worker` (scripts/worker.ts), the worker for web servers run with CARDSTOCK_WORKER=off,
 * does the same housekeeping as the in-process worker: here, booking off an expired card's balance
 * (it once ran only the secret retention, so expired cards were never booked off in that setup).
 * And it stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCard } from '@/lib/cards/create-card';
import { createCardSchema } from '@/lib/cards/schemas';
import { seedAccount } from '@/lib/testing/actors';
import { createOwnDatabase, type OwnDatabase } from '@/lib/testing/own-database';
import { TEST_SECRETS_KEY } from '@/lib/testing/test-keys';

describe('npm run worker', () => {
  let own: OwnDatabase;
  beforeAll(async () => {
    own = await createOwnDatabase('worker');
  }, 120_000);
  afterAll(async () => {
    await own?.drop();
  });

  it('books off an expired card on its first round and exits 0 on SIGTERM', async () => {
    const account = await seedAccount(own.db);
    const api = {
      kind: 'api_client' as const,
      apiClientId: '00000000-0000-0000-0000-0000000000e1',
      clientId: 'wk',
      accountId: account.id,
      scopes: ['admin:wallets'],
    };
    await createCard(api, createCardSchema.parse({ card_id: 'wk-expired', amount: 2500, currency: 'NOK' }));
    await own.db.card.updateMany({ where: { accountId: account.id, cardId: 'wk-expired' }, data: { expiresAt: new Date(Date.now() - 60_000) } });

    const child = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'scripts/worker.ts'], {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: own.url, CARDSTOCK_SECRETS_KEY: TEST_SECRETS_KEY, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      let expiry = null;
      while (!expiry && Date.now() < deadline) {
        expiry = await own.db.cardTransaction.findFirst({ where: { accountId: account.id, kind: 'EXPIRY' } });
        if (!expiry) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(expiry, output).toMatchObject({ amount: 2500n, balanceAfter: 0n });
      expect((await own.db.card.findFirstOrThrow({ where: { accountId: account.id, cardId: 'wk-expired' } })).balance).toBe(0n);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited, output).toBe(0);
  }, 120_000);
});
