import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { CARD_EXPIRED } from '@/lib/webhooks/events';
import { enqueueEvent } from '@/lib/webhooks/outbox';
import { appendLedger } from './ledger';
import { isExpired, lockCard } from './lock-card';

export const EXPIRY_ACTOR = 'system:card-expiry';
const BATCH = 500;

/**
 * Books the available balance off every card past its expires_at, with an EXPIRY ledger row (the
 * reports' realised breakage: the chain no longer owes it). Run by the worker now and then, so a
 * card's expiry is booked at the first run after expires_at, with the time of booking — never a
 * back-dated row, which would change reports already made for that time. Idempotent: each card is
 * re-checked under its row lock and only what is still available is booked, so two runs (or two
 * servers) never book a card twice. An open reservation stays on the card (it may still be
 * captured, as settleTransaction allows after expiry); if it is voided instead, the next run books
 * the released amount off. Deleted cards hold nothing (a delete writes the balance off).
 * Each booking also enqueues a `cardstock_card_expired` webhook event in its transaction.
 * Returns the number of cards booked off.
 */
export async function expireCardBalances(now = new Date()): Promise<number> {
  const db = getDb();
  let booked = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const due = await db.$queryRaw<{ id: string; account_id: string }[]>`
      SELECT id, account_id FROM cards
      WHERE expires_at <= ${now} AND balance - pending > 0 AND deleted_at IS NULL AND id > ${after}::uuid
      ORDER BY id LIMIT ${BATCH}`;
    for (const { id, account_id: accountId } of due) {
      const didBook = await db.$transaction(async (tx) => {
        const card = await lockCard(tx, accountId, { pk: id });
        const available = card.balance - card.pending;
        if (!isExpired(card, now) || available <= BigInt(0) || !card.currency) return false;
        const row = await appendLedger(tx, {
          accountId,
          cardPk: card.id,
          kind: 'EXPIRY',
          amount: available,
          currency: card.currency,
          refId: `expiry:${randomUUID()}`,
          metadata: { expires_at: card.expiresAt!.toISOString() },
          createdBy: EXPIRY_ACTOR,
        });
        await recordAuditEvent(
          {
            accountId,
            actor: { type: 'SYSTEM', id: 'card-expiry' },
            action: 'card.expiry_booked',
            target: { type: 'card', id: card.id },
            data: {
              card_id: card.cardId,
              transaction_id: row.id,
              amount: Number(available),
              currency: card.currency,
              expires_at: card.expiresAt!.toISOString(),
            },
          },
          tx,
        );
        // The `wallet_transaction` event of the EXPIRY row is appendLedger's; this one says why.
        await enqueueEvent(tx, accountId, CARD_EXPIRED, {
          card: { id: card.id, card_id: card.cardId, expires_at: card.expiresAt!.toISOString() },
          transaction_id: row.id,
          amount_expired: Number(available),
          currency: card.currency,
        });
        return true;
      });
      if (didBook) booked++;
    }
    if (due.length < BATCH) return booked;
    after = due.at(-1)!.id;
  }
}
