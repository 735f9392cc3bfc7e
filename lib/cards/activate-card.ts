import { randomUUID } from 'node:crypto';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { defaultExpiresAt, defaultExpiryDays } from '@/lib/wallet-settings/wallet-settings';
import { ledgerAmounts } from './amounts';
import { fundOnIssue } from './ledger';
import type { ActivateCardInput } from './schemas';
import { cardView } from './views';

/**
 * Activates an inactive card: status → unused, the amount loaded through an initial `fund`
 * ledger row. Exactly once however many requests race: the status change is one conditional
 * UPDATE, so only one transaction can move the card out of `inactive`; the others get a conflict
 * naming the card's current status.
 *
 * Without `expires_at` the card gets the account's default validity (wallet settings), counted
 * from now — a batch card's period starts at activation — unless `neverExpires` (a clerk chose
 * "never expires" at the counter).
 */
export async function activateCard(
  actor: Actor,
  cardId: string,
  input: ActivateCardInput,
  options: { storeId?: string; neverExpires?: boolean } = {},
) {
  authorizeActor(actor, { permission: 'cards:activate', apiOperation: 'cards:write' });
  const now = new Date();
  const activeFrom = input.active_from ? new Date(input.active_from) : now;
  const createdBy = actorRef(actor);
  const db = getDb();
  const expiresAt = input.expires_at
    ? new Date(input.expires_at)
    : options.neverExpires
      ? null
      : defaultExpiresAt(await defaultExpiryDays(actor.accountId, db), now);
  return db.$transaction(async (tx) => {
    const { count } = await tx.card.updateMany({
      // Cards of a print run still being created (or failed) are not sellable yet.
      where: { accountId: actor.accountId, cardId, status: 'inactive', deletedAt: null, OR: [{ batchId: null }, { batch: { is: { status: 'READY' } } }] },
      data: {
        status: 'unused',
        currency: input.currency,
        amount: BigInt(input.amount),
        customerId: input.customer_id ?? null,
        name: input.name ?? null,
        originatedBy: input.originated_by ?? null,
        metadata: input.metadata ?? {},
        activeFrom,
        expiresAt,
        activatedAt: now,
        activatedStoreId: options.storeId ?? null,
        activatedBy: createdBy,
      },
    });
    if (count === 0) {
      const card = await tx.card.findUnique({ where: { accountId_cardId: { accountId: actor.accountId, cardId } }, include: { batch: true } });
      if (!card || card.deletedAt) throw new AppError('NOT_FOUND', 'Card not found.');
      if (card.status === 'inactive' && card.batch && card.batch.status !== 'READY') {
        throw new AppError('CONFLICT', `Card ${cardId} belongs to a print run that is not ready yet.`, { batch_status: card.batch.status });
      }
      throw new AppError('CONFLICT', `Card ${cardId} is ${card.status}; only inactive cards can be activated.`, {
        status: card.status,
        activated_at: card.activatedAt?.toISOString(),
      });
    }
    const card = await tx.card.findUniqueOrThrow({ where: { accountId_cardId: { accountId: actor.accountId, cardId } } });
    await fundOnIssue(tx, {
      accountId: actor.accountId,
      cardPk: card.id,
      amount: input.amount,
      currency: input.currency,
      // Unique per activation: a card whose activation was undone can be activated again.
      refId: `activation:${randomUUID()}`,
      storeId: options.storeId ?? null,
      originatedBy: input.originated_by,
      metadata: input.metadata,
      createdBy,
    });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'card.activate',
        target: { type: 'card', id: card.id },
        data: { card_id: cardId, amount: input.amount, currency: input.currency, store_id: options.storeId ?? null },
      },
      tx,
    );
    const fresh = await tx.card.findUniqueOrThrow({ where: { id: card.id } });
    const amounts = (await ledgerAmounts(tx, [card.id])).get(card.id)!;
    return cardView(fresh, amounts);
  });
}
