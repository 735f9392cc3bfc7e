/**
 * Temporary card codes (POST /cards/{card_id}/tokens) and the card's own token expiry / single
 * use, on both databases: creation, paying and lookups with them, expiry, single use (with races
 * of drawdowns, which real PostgreSQL runs truly in parallel), ref_id replays, and the counter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ApiClientActor } from '@/lib/auth/actor';
import { toPlainJson } from '@/lib/json';
import { findCardForSale } from '@/lib/counter/find-card-for-sale';
import { lookupBalance } from '@/lib/counter/lookup-balance';
import { freshId, seedCounter } from '@/lib/testing/store-fixtures';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { activateCard } from './activate-card';
import { getCardInfo } from './card-info';
import { createCard } from './create-card';
import { createCardBatch } from './create-card-batch';
import { createCardToken } from './create-card-token';
import { createTransaction } from './create-transaction';
import { deleteCard } from './delete-card';
import {
  activateCardSchema,
  cardInfoSchema,
  createBatchSchema,
  createCardSchema,
  createCardTokenSchema,
  createTransactionSchema,
  deleteCardQuerySchema,
} from './schemas';
import { findTokenMatches } from './token-match';
import { hashToken } from '@/lib/secrets/hash';

describe('temporary card codes and token expiry', () => {
  let t: TestDatabase;
  let c: Awaited<ReturnType<typeof seedCounter>>;
  let api: ApiClientActor;
  const client = (clientId: string, scopes = ['admin:wallets']): ApiClientActor => ({ ...c.api, clientId, scopes });

  beforeAll(async () => {
    t = await createTestDatabase();
    c = await seedCounter(t.db);
    api = c.api;
  });
  afterAll(async () => {
    await t.close();
  });

  async function fundedCard(amount = 10_000, cardToken?: Record<string, unknown>) {
    const cardId = freshId('tk');
    const created = await createCard(
      api,
      createCardSchema.parse({ card_id: cardId, amount, currency: 'NOK', ...(cardToken ? { card_token: cardToken } : {}) }),
    );
    return { cardId, token: created.card_token.token.value, pin: created.pin.pin.value };
  }
  const code = (cardId: string, body: Record<string, unknown>, actor: Actor = api) => createCardToken(actor, cardId, createCardTokenSchema.parse(body));
  const pay = (token: string, refId: string, amount = 100, actor: ApiClientActor = client('till', ['write:wallets:/transactions'])) =>
    createTransaction(actor, createTransactionSchema.parse({ token, ref_id: refId, amount, currency: 'NOK' }));
  const info = (token: string, actor = api) => getCardInfo(actor, cardInfoSchema.parse({ token }));
  const misses = async (actor: ApiClientActor) =>
    (await t.db.rateLimit.findUnique({ where: { key: `unknown-card:api_client:${actor.clientId}` } }))?.points ?? 0;

  it('reads a card by token exactly as Prisma reads it (the raw lookup names every column)', async () => {
    const { cardId, token } = await fundedCard();
    const [match] = await findTokenMatches(t.db, api.accountId, [hashToken(api.accountId, token)]);
    expect(match!.card).toEqual(await t.db.card.findFirstOrThrow({ where: { accountId: api.accountId, cardId } }));
    expect(match!.codeId).toBeNull();
  });

  it('creates a DINCARD code shown once, stored only hashed, that pays from the card and shows its balance', async () => {
    const { cardId } = await fundedCard(10_000);
    const created = await code(cardId, { ref_id: 'web-1', expires_in: 600, metadata: { order: 'o-1' } });
    expect(created.isReplay).toBe(false);
    const value = (created.body as { token: { value: string } }).token.value;
    expect(value).toMatch(/^DINCARD:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(created.body).toMatchObject({
      card_id: cardId,
      ref_id: 'web-1',
      expires_in: 600,
      expires_after_transaction: false,
      metadata: { order: 'o-1' },
      format: { length: 36, prefix: 'DINCARD:' },
      masked_code: expect.stringMatching(/^DINCARD:\*+[0-9a-f-]{4}$/),
      created_by: `api_client:${api.clientId}`,
    });
    const expiresAt = new Date((created.body as { expires_at: string }).expires_at).getTime();
    expect(Math.abs(expiresAt - (Date.now() + 600_000))).toBeLessThan(10_000);

    expect(await info(value)).toMatchObject({ card_id: cardId, amount_available: BigInt(10_000) });
    const paid = await pay(value, 'pos-1', 2_500);
    expect(paid.transaction).toMatchObject({ card_id: cardId, amount: BigInt(2_500), type: 'drawdown' });
    expect(await info(value)).toMatchObject({ amount_available: BigInt(7_500) });

    const rows = await t.db.cardToken.findMany({ where: { card: { cardId } } });
    const audit = await t.db.auditEvent.findMany({ where: { action: { in: ['card.token_create', 'transaction.drawdown'] } } });
    expect(audit.find((a) => a.action === 'card.token_create')).toMatchObject({ data: { card_id: cardId, ref_id: 'web-1', expires_in: 600 } });
    expect(audit.find((a) => (a.data as { ref_id?: string }).ref_id === 'pos-1')?.data).toMatchObject({ card_token_id: rows[0]!.id });
    expect(JSON.stringify(toPlainJson([rows, audit]))).not.toContain(value.slice('DINCARD:'.length));
  });

  it('draws a code in the requested format, with a barcode when asked', async () => {
    const { cardId } = await fundedCard();
    const created = await code(cardId, { ref_id: 'fmt', format: { length: 10, numbers: true, prefix: 'TMP-', barcode: true } });
    const token = (created.body as { token: { value: string; barcode_128?: string } }).token;
    expect(token.value).toMatch(/^TMP-\d{10}$/);
    expect(token.barcode_128).toMatch(/^data:image\/png;base64,/);
    expect(await info(token.value)).toMatchObject({ card_id: cardId });
  });

  it('replays the same ref_id and body without the value; another body is a 409; racing creates make one code', async () => {
    const { cardId } = await fundedCard();
    const first = await code(cardId, { ref_id: 'dup', expires_in: 60 });
    const again = await code(cardId, { ref_id: 'dup', expires_in: 60 });
    expect(again.isReplay).toBe(true);
    expect(again.body).toMatchObject({
      id: (first.body as { id: string }).id,
      secrets_shown_once: true,
      masked_code: (first.body as { masked_code: string }).masked_code,
    });
    expect(again.body).not.toHaveProperty('token');
    await expect(code(cardId, { ref_id: 'dup', expires_in: 61 })).rejects.toMatchObject({ code: 'CONFLICT', details: { ref_id: 'dup' } });

    const raced = await Promise.all(Array.from({ length: 5 }, () => code(cardId, { ref_id: 'race', expires_after_transaction: true })));
    expect(raced.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(new Set(raced.map((r) => (r.body as { id: string }).id)).size).toBe(1);
    expect(await t.db.cardToken.count({ where: { card: { cardId }, refId: 'race' } })).toBe(1);
  });

  it('refuses inactive, deleted and unknown cards, and callers without a write scope', async () => {
    const batchId = freshId('tk-inactive');
    await createCardBatch(api, createBatchSchema.parse({ cards: [{ card_id: batchId }] }));
    await expect(code(batchId, { ref_id: 'x' })).rejects.toMatchObject({ code: 'CONFLICT', details: { status: 'inactive' } });
    const gone = await fundedCard(0);
    await deleteCard(api, gone.cardId, deleteCardQuerySchema.parse({}));
    await expect(code(gone.cardId, { ref_id: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(code('no-such-card', { ref_id: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { cardId } = await fundedCard();
    await expect(code(cardId, { ref_id: 'x' }, client('reader', ['read:wallets']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(code(cardId, { ref_id: 'x' }, client('till', ['write:wallets:/transactions']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(code(cardId, { ref_id: 'x' }, c.staff)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.db.cardToken.count({ where: { refId: 'x' } })).toBe(0);
  });

  it('an expired code finds nothing — info, payment and the counter — and counts as a miss', async () => {
    const { cardId } = await fundedCard();
    const value = ((await code(cardId, { ref_id: 'short', expires_in: 1 })).body as { token: { value: string } }).token.value;
    expect(await info(value)).toMatchObject({ card_id: cardId });
    await t.db.cardToken.updateMany({ where: { card: { cardId } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const caller = client('expiry-caller');
    await expect(info(value, caller)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(pay(value, 'late', 100, caller)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await misses(caller)).toBe(2);
    await expect(lookupBalance(c.osloClerk, { code: value })).resolves.toEqual({ kind: 'pin_required' });
    expect(await t.db.cardTransaction.count({ where: { refId: 'late' } })).toBe(0);
  });

  it('a single-use code pays once; a replay of that payment still answers; it shows the card until it expires', async () => {
    const { cardId } = await fundedCard(10_000);
    const value = ((await code(cardId, { ref_id: 'once', expires_in: 3600, expires_after_transaction: true })).body as { token: { value: string } }).token
      .value;
    const first = await pay(value, 'pos-a', 1_000);
    const replay = await pay(value, 'pos-a', 1_000);
    expect(replay).toMatchObject({ isReplay: true, transaction: { id: first.transaction.id } });
    const caller = client('second-use');
    await expect(pay(value, 'pos-b', 1_000, caller)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await misses(caller)).toBe(1);
    expect(await info(value)).toMatchObject({ card_id: cardId, amount_available: BigInt(9_000) });
    await t.db.cardToken.updateMany({ where: { card: { cardId } }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(info(value)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The card itself pays on.
    const own = (await t.db.card.findFirstOrThrow({ where: { cardId } })).id;
    expect(await t.db.cardTransaction.count({ where: { cardPk: own, kind: 'DRAWDOWN' } })).toBe(1);
  });

  it('a failed payment does not use a single-use code up', async () => {
    const { cardId } = await fundedCard(500);
    const value = ((await code(cardId, { ref_id: 'once-f', expires_after_transaction: true })).body as { token: { value: string } }).token.value;
    await expect(pay(value, 'too-much', 1_000)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'insufficient_funds' } });
    expect(await pay(value, 'fits', 500)).toMatchObject({ isReplay: false });
  });

  it('two drawdowns racing with one single-use code: exactly one pays', async () => {
    for (let round = 0; round < 3; round++) {
      const { cardId } = await fundedCard(10_000);
      const value = ((await code(cardId, { ref_id: `race-${round}`, expires_after_transaction: true })).body as { token: { value: string } }).token.value;
      const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => pay(value, `race-${round}-${i}`, 100)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'NOT_FOUND' });
      const card = await t.db.card.findFirstOrThrow({ where: { cardId } });
      expect(card.balance).toBe(BigInt(9_900));
      expect(await t.db.cardTransaction.count({ where: { cardPk: card.id, kind: 'DRAWDOWN' } })).toBe(1);
    }
  });

  it('the counter finds a card by its code, for the balance and the activation lookup', async () => {
    const { cardId } = await fundedCard(4_200);
    const value = ((await code(cardId, { ref_id: 'counter', expires_in: 600 })).body as { token: { value: string } }).token.value;
    expect(await lookupBalance(c.osloClerk, { code: value })).toMatchObject({ kind: 'found', cardId, available: 4_200 });
    expect(await findCardForSale(c.osloClerk, { code: value, storeId: c.oslo.id })).toMatchObject({
      card: { cardId },
      problem: { reason: 'already_activated' },
    });
  });

  it('POST /cards with card_token.expires_in: the own token expires that long after creation', async () => {
    const { cardId, token, pin } = await fundedCard(1_000, { expires_in: 3600 });
    const card = await t.db.card.findFirstOrThrow({ where: { cardId } });
    expect(card.tokenExpiresIn).toBe(3600);
    expect(await info(token)).toMatchObject({ card_id: cardId });
    await t.db.card.update({ where: { id: card.id }, data: { activatedAt: new Date(Date.now() - 3601_000) } });
    await expect(info(token)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(pay(token, 'own-late')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(lookupBalance(c.osloClerk, { code: token })).resolves.toEqual({ kind: 'pin_required' });
    // The card is still there by card_id + PIN.
    expect(await getCardInfo(api, cardInfoSchema.parse({ card_id: cardId, pin }))).toMatchObject({ card_id: cardId });
  });

  it('POST /cards with expires_after_transaction: the own token pays once (also when raced), then only shows the card', async () => {
    const { cardId, token } = await fundedCard(10_000, { expires_after_transaction: true });
    const results = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => pay(token, `own-${i}`, 100)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await info(token)).toMatchObject({ card_id: cardId, amount_available: BigInt(9_900) });
    await expect(pay(token, 'own-later')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A temporary code of the same card still pays.
    const value = ((await code(cardId, { ref_id: 'after-own' })).body as { token: { value: string } }).token.value;
    expect(await pay(value, 'by-code', 100)).toMatchObject({ isReplay: false });
  });

  it('batch card_token.expires_in counts from activation; activation may set the behaviour itself', async () => {
    const [a, b] = [freshId('tkb'), freshId('tkb')];
    const batch = await createCardBatch(
      api,
      createBatchSchema.parse({ cards: [{ card_id: a }, { card_id: b }], options: { card_token: { expires_in: 120 } } }),
    );
    // Months on the shelf do not use up its lifetime.
    await t.db.card.updateMany({ where: { cardId: { in: [a, b] } }, data: { createdAt: new Date(Date.now() - 90 * 86_400_000) } });
    expect(await info(batch.secrets[0]!.token)).toMatchObject({ card_id: a, status: 'inactive' });
    const activatedA = await activateCard(api, a, activateCardSchema.parse({ amount: 1_000, currency: 'NOK' }));
    const tokenExpiry = new Date(activatedA.tokens[0]!.expires_at!).getTime();
    expect(Math.abs(tokenExpiry - (Date.now() + 120_000))).toBeLessThan(10_000);
    const activatedB = await activateCard(
      api,
      b,
      activateCardSchema.parse({ amount: 1_000, currency: 'NOK', card_token: { expires_in: 7200, expires_after_transaction: true } }),
    );
    expect(activatedB.tokens[0]).toMatchObject({ expires_after_transaction: true });
    expect(Math.abs(new Date(activatedB.tokens[0]!.expires_at!).getTime() - (Date.now() + 7_200_000))).toBeLessThan(10_000);
    await pay(batch.secrets[1]!.token, 'b-1');
    await expect(pay(batch.secrets[1]!.token, 'b-2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await pay(batch.secrets[0]!.token, 'a-1')).toMatchObject({ isReplay: false });
    expect(await pay(batch.secrets[0]!.token, 'a-2')).toMatchObject({ isReplay: false });
  });

  it('refuses a token lifetime below a second or a format on activation (422 at the schema)', () => {
    expect(createCardTokenSchema.safeParse({ ref_id: 'x', expires_in: 0 }).success).toBe(false);
    expect(createCardTokenSchema.safeParse({ ref_id: 'x', expires_in: 1.5 }).success).toBe(false);
    expect(createCardTokenSchema.safeParse({ expires_in: 5 }).success).toBe(false);
    expect(createCardSchema.safeParse({ card_id: 'x', amount: 1, currency: 'NOK', card_token: { expires_in: 0 } }).success).toBe(false);
    expect(activateCardSchema.safeParse({ amount: 1, currency: 'NOK', card_token: { format: { length: 8, numbers: true } } }).success).toBe(false);
  });
});
