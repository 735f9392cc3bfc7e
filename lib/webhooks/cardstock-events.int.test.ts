/**
 * Cardstock's own events for blocks and the end of a print run's secrets: each is an outbox row
 * written in the transaction of the change (so a repeat that changes nothing writes none), with a
 * payload that names the card or run and never a secret.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { blockCard } from '@/lib/cards/block-card';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { blockCardSchema, createBatchSchema, unblockCardSchema } from '@/lib/cards/schemas';
import { unblockCard } from '@/lib/cards/unblock-card';
import { confirmRelease, confirmReleaseSchema } from '@/lib/print-runs/confirm-release';
import { destroyExpiredSecrets } from '@/lib/print-runs/destroy-expired-secrets';
import { beginRelease } from '@/lib/print-runs/release-secrets';
import { seedAccount, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (let part = await reader.read(); !part.done; part = await reader.read()) parts.push(part.value);
  return Buffer.concat(parts);
}

describe('cardstock_ events', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let next = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function batchOf(count: number) {
    const prefix = `EV${++next}`;
    const input = createBatchSchema.parse({ cards: Array.from({ length: count }, (_, i) => ({ card_id: `${prefix}-${i}` })) });
    const result = await createCardBatch(admin, input);
    return { batch: result.batch, cardIds: input.cards.map((c) => c.card_id), secrets: result.secrets };
  }
  const events = (event: string) => t.db.outboxEvent.findMany({ where: { accountId: admin.accountId, event }, orderBy: { createdAt: 'asc' } });

  it('blocking and unblocking a card each enqueue one event; repeats that change nothing enqueue none', async () => {
    const { cardIds } = await batchOf(1);
    const cardId = cardIds[0]!;
    await blockCard(admin, cardId, blockCardSchema.parse({ reason: 'stolen' }));
    await blockCard(admin, cardId, blockCardSchema.parse({ reason: 'stolen' }));
    const blocked = (await events('cardstock_card_blocked')).filter((e) => JSON.stringify(e.payload).includes(cardId));
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.payload).toMatchObject({ card: { card_id: cardId, blocked: { reason: 'stolen', blocked_by: `user:${admin.userId}` } } });

    await unblockCard(admin, cardId, unblockCardSchema.parse({}));
    await unblockCard(admin, cardId, unblockCardSchema.parse({}));
    const unblocked = (await events('cardstock_card_unblocked')).filter((e) => JSON.stringify(e.payload).includes(cardId));
    expect(unblocked).toHaveLength(1);
    expect(unblocked[0]!.payload).toMatchObject({ card: { card_id: cardId, blocked: null } });
  });

  it('a confirmed print-file release enqueues cardstock_secrets_released, with no secret in it', async () => {
    const { batch, secrets } = await batchOf(3);
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    const sha256 = createHash('sha256')
      .update(await readAll(release.stream))
      .digest('hex');
    expect(await events('cardstock_secrets_released')).toHaveLength(0); // the download alone releases nothing
    await confirmRelease(admin, confirmReleaseSchema.parse({ batchId: batch.id, password: TEST_PASSWORD, sha256 }));
    await confirmRelease(admin, confirmReleaseSchema.parse({ batchId: batch.id, password: TEST_PASSWORD, sha256 })); // a repeat
    const released = (await events('cardstock_secrets_released')).filter((e) => JSON.stringify(e.payload).includes(batch.id));
    expect(released).toHaveLength(1);
    expect(released[0]!.payload).toMatchObject({ print_run: { id: batch.id, quantity: 3, secrets_state: 'released', sha256 } });
    for (const s of secrets) {
      expect(JSON.stringify(released[0]!.payload)).not.toContain(s.token);
    }
  });

  it('secrets destroyed at the retention deadline enqueue cardstock_secrets_destroyed', async () => {
    const { batch } = await batchOf(2);
    await t.db.batch.update({ where: { id: batch.id }, data: { secretsDeadline: new Date(Date.now() - 1000) } });
    await destroyExpiredSecrets();
    await destroyExpiredSecrets();
    const destroyed = (await events('cardstock_secrets_destroyed')).filter((e) => JSON.stringify(e.payload).includes(batch.id));
    expect(destroyed).toHaveLength(1);
    expect(destroyed[0]!.payload).toMatchObject({ print_run: { id: batch.id, quantity: 2, secrets_state: 'destroyed' } });
  });
});
