/** Store-counter fixtures for integration tests: an account with a policy, two stores, clerks, HQ and cards. */
import { randomBytes } from 'node:crypto';
import type { ApiClientActor, UserActor } from '@/lib/auth/actor';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { createBatchSchema } from '@/lib/cards/schemas';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { cardIdAt, type CardIdScheme } from '@/lib/print-runs/card-id-scheme';
import { seedAccount, seedStore, seedUser } from './actors';

export async function seedCounter(db: PrismaClient) {
  const account = await seedAccount(db, 'Counter Chain');
  await db.account.update({
    where: { id: account.id },
    data: {
      cardDenominations: [BigInt(20_000), BigInt(50_000), BigInt(100_000)],
      cardMinAmount: BigInt(10_000),
      cardMaxAmount: BigInt(1_000_000),
      timeZone: 'Europe/Oslo',
      walletSettings: { create: { defaultCardExpiresInDays: 1096, createdBy: 'test', updatedBy: 'test' } },
    },
  });
  const oslo = await seedStore(db, account.id, 'Oslo');
  const bergen = await seedStore(db, account.id, 'Bergen');
  const fresh = await db.account.findUniqueOrThrow({ where: { id: account.id } });
  const actors = {
    osloClerk: await seedUser(db, { accountId: account.id, role: 'CLERK', storeId: oslo.id }),
    osloClerk2: await seedUser(db, { accountId: account.id, role: 'CLERK', storeId: oslo.id }),
    bergenClerk: await seedUser(db, { accountId: account.id, role: 'CLERK', storeId: bergen.id }),
    staff: await seedUser(db, { accountId: account.id, role: 'HQ_STAFF' }),
  };
  const api: ApiClientActor = {
    kind: 'api_client',
    apiClientId: '00000000-0000-0000-0000-000000000001',
    clientId: 'test',
    accountId: account.id,
    scopes: ['admin:wallets'],
  };
  return { account: fresh, oslo, bergen, api, ...actors };
}

export function freshId(prefix = 'sc'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Inactive cards in a READY batch, with their clear tokens and PINs (as the API batch returns them). */
export async function seedCards(actor: ApiClientActor | UserActor, cardIds: string[], tokenPrefix = '') {
  const input = createBatchSchema.parse({
    cards: cardIds.map((card_id) => ({ card_id })),
    options: { card_token: { format: { length: 12, numbers: true, prefix: tokenPrefix } } },
  });
  const result = await createCardBatch(actor, input);
  return { batch: result.batch, cards: result.secrets.map((s, i) => ({ cardId: cardIds[i]!, token: s.token, pin: s.pin })) };
}

/** Cards numbered by a print-run scheme (Luhn check digit optional), as a print run records it. */
export async function seedSchemeCards(db: PrismaClient, actor: ApiClientActor, scheme: CardIdScheme, quantity: number) {
  const ids = Array.from({ length: quantity }, (_, i) => cardIdAt(scheme, i));
  const seeded = await seedCards(actor, ids);
  const spec = seeded.batch.spec as Record<string, unknown>;
  await db.batch.update({
    where: { id: seeded.batch.id },
    data: { spec: { ...spec, scheme: { ...scheme }, first_card_id: ids[0], last_card_id: ids.at(-1) } },
  });
  return seeded;
}
