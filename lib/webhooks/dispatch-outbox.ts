/**
 * Fans undispatched outbox rows out into deliveries: one per active subscription of the account
 * that asked for the event, each with its own `event_delivery` GUID fixed into the stored body.
 * The rows are claimed FOR UPDATE SKIP LOCKED and marked dispatched in the same transaction as the
 * deliveries are written, so two workers never fan out one row twice and a crash in between
 * leaves the row for the next round (the unique (subscription, outbox row) pair refuses a second copy).
 */
import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';

export async function dispatchOutbox(limit = 100): Promise<number> {
  return getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; account_id: string; event: string; payload: Record<string, unknown> }[]>`
      SELECT id, account_id, event, payload FROM outbox
      WHERE dispatched_at IS NULL ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return 0;
    const accounts = [...new Set(rows.map((r) => r.account_id))];
    const subs = await tx.webhookSubscription.findMany({ where: { accountId: { in: accounts }, active: true, deletedAt: null } });
    const deliveries = rows.flatMap((row) =>
      subs
        .filter((s) => s.accountId === row.account_id && s.events.includes(row.event))
        .map((s) => {
          const id = randomUUID();
          const body = JSON.stringify({ account_id: row.account_id, event: row.event, event_delivery: id, ...row.payload });
          return { id, subscriptionId: s.id, outboxId: row.id, event: row.event, body };
        }),
    );
    if (deliveries.length > 0) await tx.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
    await tx.outboxEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { dispatchedAt: new Date() } });
    return rows.length;
  });
}
