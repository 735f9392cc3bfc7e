import { randomUUID } from 'node:crypto';
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { ledgerAmounts } from './amounts';
import { appendLedger } from './ledger';
import { lockCard } from './lock-card';
import type { DeleteCardQuery } from './schemas';
import { cardView } from './views';

/**
 * DELETE /cards/{card_id}: a soft delete. The card disappears from lists and lookups and refuses
 * every transaction; its ledger stays (include_deleted=true shows it). The rule for money:
 * - an open reservation → refused (409, reason `pending`): capture or void it first;
 * - money left → refused (409, reason `balance`) unless the caller says `balance=write_off`,
 *   which books the balance off with a `write_off` ledger row in the same transaction (the
 *   reports count it as breakage) — the chain owes nothing on a card nobody can use;
 * - deleting a deleted card → 404, as for any card the API no longer shows.
 */
export async function deleteCard(actor: Actor, cardId: string, query: DeleteCardQuery) {
  authorizeActor(actor, { permission: 'cards:manage', apiOperation: 'cards:write' });
  const by = actorRef(actor);
  const db = getDb();
  return db.$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { cardId });
    if (card.pending > BigInt(0)) {
      throw new AppError('CONFLICT', 'The card has an open reservation: capture or void it first.', {
        reason: 'pending',
        amount_pending: Number(card.pending),
      });
    }
    let writtenOff: string | undefined;
    if (card.balance > BigInt(0)) {
      if (query.balance !== 'write_off') {
        throw new AppError('CONFLICT', 'The card still holds money. Send balance=write_off to book it off, or spend it first.', {
          reason: 'balance',
          amount_balance: Number(card.balance),
        });
      }
      const row = await appendLedger(tx, {
        accountId: actor.accountId,
        cardPk: card.id,
        kind: 'WRITE_OFF',
        amount: card.balance,
        currency: card.currency!,
        refId: `delete:${randomUUID()}`,
        createdBy: by,
      });
      writtenOff = row.id;
    }
    const deleted = await tx.card.update({ where: { id: card.id }, data: { deletedAt: new Date(), deletedBy: by } });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'card.delete',
        target: { type: 'card', id: card.id },
        data: {
          card_id: cardId,
          before: { status: card.status, balance: Number(card.balance) },
          after: { deleted: true, balance: 0 },
          ...(writtenOff ? { write_off_transaction_id: writtenOff, amount: Number(card.balance), currency: card.currency } : {}),
        },
      },
      tx,
    );
    return cardView(deleted, (await ledgerAmounts(tx, [card.id])).get(card.id)!);
  });
}
