/**
 * The transactional outbox: `enqueueEvent` writes one `outbox` row in the CALLER's transaction,
 * so the event commits with the change it reports (none is lost when the process dies after the
 * commit) and rolls back with it (none for a change that never happened). The dispatcher
 * (dispatch-outbox.ts) turns each row into deliveries.
 */
import type { DbTx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { transactionView } from '@/lib/cards/views';
import { toPlainJson } from '@/lib/json';
import { WALLET_TRANSACTION, type WebhookEvent } from './events';

export async function enqueueEvent(tx: DbTx, accountId: string, event: WebhookEvent, payload: Prisma.InputJsonObject): Promise<void> {
  await tx.outboxEvent.create({ data: { accountId, event, payload } });
}

/** An ISO-8601 UTC timestamp of a column, as the API writes them (`2026-12-01T14:03:20.123Z`). */
export const isoUtcSql = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The `wallet_transaction` event of a ledger row, as an `INSERT … SELECT` inside the statement
 * that writes the row (lib/cards/ledger.ts, create-transaction.ts, settle-transaction.ts), so the
 * event is no extra round trip. `led` names the inserted row (a CTE `RETURNING *`); the payload is
 * `{transaction: <the Transaction object of the Wallet API>}`: `row`'s API view, with what only the
 * statement knows taken from it — the card's public id (`cardId`, SQL), the amount and currency (a
 * settlement's are computed there) and `created_at` (set when the row is written).
 */
export function ledgerEventSql(row: Parameters<typeof transactionView>[0], led: string, cardId: Prisma.Sql): Prisma.Sql {
  const view = toPlainJson(transactionView(row, '')) as Record<string, unknown>;
  delete view.card_id;
  delete view.amount;
  delete view.currency;
  delete view.created_at;
  const l = Prisma.raw(led);
  return Prisma.sql`INSERT INTO outbox (id, account_id, event, payload)
    SELECT gen_random_uuid(), ${l}.account_id, ${WALLET_TRANSACTION}, jsonb_build_object('transaction', ${JSON.stringify(view)}::jsonb
      || jsonb_build_object('card_id', ${cardId}, 'amount', ${l}.amount, 'currency', ${l}.currency, 'created_at', ${isoUtcSql(`${led}.created_at`)}))
    FROM ${l}`;
}
