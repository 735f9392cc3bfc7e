/**
 * A large print run fills in the background and survives its worker being killed mid-way:
 * a real worker process (`scripts/worker.ts`) is started, SIGKILLed after a few chunks, and a
 * second one finishes the run from the last committed chunk. On real PostgreSQL the run has
 * 100,000 cards; on the embedded database (one session, serialised) a smaller one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { TEST_SECRETS_KEY } from '@/lib/testing/test-keys';
import { orderPrintRun } from './order-print-run';
import { orderPrintRunSchema } from './schemas';

const QUANTITY = inject('dbKind') === 'postgres' ? 100_000 : 15_000;

function startWorker(url: string): ChildProcess {
  // The embedded database is one session shared by both workers: a killed worker's named prepared
  // statements stay in it and the next worker's would collide, so they are off there (as
  // scripts/lib/run-next.ts sets for the app).
  const prepared = inject('dbKind') === 'postgres' ? 'true' : 'false';
  // node --import tsx (not the tsx CLI, which runs the script in a child process a SIGKILL would orphan).
  return spawn(process.execPath, ['--import', 'tsx', 'scripts/worker.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      DATABASE_PREPARED_STATEMENTS: prepared,
      CARDSTOCK_SECRETS_KEY: TEST_SECRETS_KEY,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('background print-run fill', () => {
  let t: TestDatabase;
  let admin: UserActor;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await Promise.all(
      workers.map((w) =>
        w.exitCode !== null || w.signalCode !== null
          ? undefined
          : new Promise((resolve) => {
              w.once('exit', resolve);
              w.kill('SIGKILL');
            }),
      ),
    );
    await t.close();
  });

  it(`completes a ${QUANTITY.toLocaleString('en-US')}-card run across a worker crash`, { timeout: 300_000 }, async () => {
    const input = orderPrintRunSchema.parse({
      quantity: String(QUANTITY),
      type: 'gift_card',
      idPrefix: 'BIG',
      startSequence: '1',
      padWidth: '8',
      luhn: 'on',
      pinLength: '4',
      pinNumbers: 'on',
      tokenLength: '16',
      tokenNumbers: 'on',
    });
    const batch = await orderPrintRun(admin, input);
    const started = Date.now();
    const progress = () => t.db.batch.findUniqueOrThrow({ where: { id: batch.id } });

    const first = startWorker(t.url);
    workers.push(first);
    await waitFor('two chunks', progress, (b) => b.cardsCreated >= 10_000, 120_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const crashed = await progress();
    expect(crashed.status).toBe('RUNNING');
    expect(crashed.cardsCreated % 5_000).toBe(0);
    // Each chunk commits whole: exactly the counted cards and their sealed secrets exist.
    expect(await t.db.card.count({ where: { batchId: batch.id } })).toBe(crashed.cardsCreated);
    expect(await t.db.secretVaultChunk.count({ where: { batchId: batch.id } })).toBe(crashed.cardsCreated / 1_000);
    // Cards of an unfinished run are not sellable.
    expect(crashed.cardsCreated).toBeLessThan(QUANTITY);

    // The dead worker's lease would expire after 60 s; expire it now instead of waiting.
    await t.db.job.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) } });
    const second = startWorker(t.url);
    workers.push(second);
    const ready = await waitFor('READY', progress, (b) => b.status === 'READY' || b.status === 'FAILED', 240_000);
    second.kill('SIGKILL');
    const seconds = (Date.now() - started) / 1000;
    console.log(`${QUANTITY} cards (${inject('dbKind')}) in ${seconds.toFixed(1)} s including the crash and restart`);

    expect(ready.status).toBe('READY');
    expect(ready.cardsCreated).toBe(QUANTITY);
    expect(await t.db.card.count({ where: { batchId: batch.id } })).toBe(QUANTITY);
    const [distinct] = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT token_hash) AS n FROM cards WHERE batch_id = ${batch.id}::uuid`;
    expect(Number(distinct!.n)).toBe(QUANTITY);
    expect(await t.db.secretVaultChunk.count({ where: { batchId: batch.id } })).toBe(QUANTITY / 1_000);
    expect((await t.db.job.findFirstOrThrow()).status).toBe('DONE');
  });
});
