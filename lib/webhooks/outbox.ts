/**
 * The transactional outbox: `enqueueEvent` writes one `outbox` row in the CALLER's transaction,
 * so the event commits with the change it reports (none is lost when the process dies after the
 * commit) and rolls back with it (none for a change that never happened). The dispatcher
 * (dispatch-outbox.ts) turns each row into deliveries.
 */
import type { DbTx } from '@/lib/db/client';
import type { CardTransaction, Prisma } from '@/lib/generated/prisma/client';
import { transactionView } from '@/lib/cards/views';
import { toPlainJson } from '@/lib/json';
import { WALLET_TRANSACTION, type WebhookEvent } from './events';

export async function enqueueEvent(tx: DbTx, accountId: string, event: WebhookEvent, payload: Prisma.InputJsonObject): Promise<void> {
  await tx.outboxEvent.create({ data: { accountId, event, payload } });
}

/**
 * The `wallet_transaction` event of a ledger row just written (lib/cards/ledger.ts): the payload
 * is `{transaction: <the Transaction object of the Wallet API>}`. One statement, which reads the
 * card's public id itself, so the ledger's caller needs no extra round trip.
 */
export async function enqueueLedgerEvent(tx: DbTx, row: CardTransaction): Promise<void> {
  const transaction = toPlainJson(transactionView(row, '')) as Record<string, unknown>;
  await tx.$executeRaw`
    INSERT INTO outbox (id, account_id, event, payload)
    SELECT gen_random_uuid(), ${row.accountId}, ${WALLET_TRANSACTION},
      jsonb_build_object('transaction', ${JSON.stringify(transaction)}::jsonb || jsonb_build_object('card_id', c.card_id))
    FROM cards c WHERE c.id = ${row.cardPk}::uuid`;
}
