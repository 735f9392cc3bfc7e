import { randomUUID } from 'node:crypto';
import { auditActor, auditInsertSql } from '@/lib/audit/record-audit-event';
import { actorStoreId, type Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { Prisma, type Card, type LedgerKind } from '@/lib/generated/prisma/client';
import { amountsFromSums, ledgerAmounts } from './amounts';
import { cardSelect } from './card-row';
import { cardSource, ledgerInsertSql } from './ledger';
import { CARD_ACTIVATED, WALLET_TRANSACTION } from '@/lib/webhooks/events';
import type { ActivateCardInput } from './schemas';
import { cardView } from './views';

const DAY_SECONDS = 86_400;

/** An ISO-8601 UTC timestamp of `column`, as the API writes them (`2026-12-01T14:03:20.123Z`). */
const ISO_UTC = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Activates an inactive card: status → unused, the amount loaded through an initial `fund`
 * ledger row. Exactly once however many requests race: the status change is one conditional
 * UPDATE, so only one statement can move the card out of `inactive`; the others get a conflict
 * naming the card's current status.
 *
 * Without `expires_at` the card gets the account's default validity (wallet settings), counted
 * from now — a batch card's period starts at activation — unless `neverExpires` (a clerk chose
 * "never expires" at the counter). `card_token` sets how the card's own token behaves from now on
 * (its lifetime, counted from this activation; single use), overriding what the batch asked for;
 * without it the batch's settings apply, also counted from this activation.
 *
 * One SQL statement does it all: the conditional UPDATE (with the cached balance), the ledger row
 * and the audit row as CTEs that only write when the UPDATE matched, and the card's earlier ledger
 * sums (a card whose activation was undone has some). The response's amounts are those sums plus
 * the new fund row — the same numbers the ledger gives, without reading it again. The store of
 * sale is the counter's, or the API client's when it is a store's till. The webhook
 * events (`wallet_transaction` for the fund row, `cardstock_card_activated`) are outbox rows of the
 * same statement, so they commit with the activation or not at all (lib/webhooks/outbox.ts).
 */
export async function activateCard(actor: Actor, cardId: string, input: ActivateCardInput, options: { storeId?: string; neverExpires?: boolean } = {}) {
  authorizeActor(actor, { permission: 'cards:activate', apiOperation: 'cards:write' });
  const now = new Date();
  const activeFrom = input.active_from ? new Date(input.active_from) : now;
  const createdBy = actorRef(actor);
  const amount = BigInt(input.amount);
  const metadata = JSON.stringify(input.metadata ?? {});
  // The counter names its store; a till's API client has one of its own (HQ → API clients).
  const storeId = options.storeId ?? (actor.kind === 'api_client' ? actorStoreId(actor) : null);
  const tokenExpiresIn = input.card_token?.expires_in;
  const tokenSingleUse = input.card_token?.expires_after_transaction;
  // An explicit date wins; else the account's default validity in days from now (0 or none: never).
  const expiresAt = input.expires_at
    ? Prisma.sql`${new Date(input.expires_at)}::timestamptz`
    : options.neverExpires
      ? Prisma.sql`NULL::timestamptz`
      : Prisma.sql`(SELECT ${now}::timestamptz + make_interval(secs => ws.default_card_expires_in_days * ${DAY_SECONDS}::int)
                    FROM wallet_settings ws WHERE ws.account_id = ${actor.accountId} AND ws.default_card_expires_in_days > 0)`;
  const fund = ledgerInsertSql(
    randomUUID(),
    {
      accountId: actor.accountId,
      cardPk: '',
      kind: 'FUND',
      amount,
      currency: input.currency,
      // Unique per activation: a card whose activation was undone can be activated again.
      refId: `activation:${randomUUID()}`,
      storeId,
      originatedBy: input.originated_by,
      metadata: input.metadata,
      createdBy,
    },
    cardSource('upd'),
  );
  const audit = auditInsertSql(
    {
      accountId: actor.accountId,
      actor: auditActor(actor),
      action: 'card.activate',
      target: { type: 'card', id: '' },
      data: { card_id: cardId, amount: input.amount, currency: input.currency, store_id: storeId },
    },
    { targetId: Prisma.sql`upd.id`, from: Prisma.sql`upd` },
  );

  const db = getDb();
  const rows = await db.$queryRaw<(Card & { ledgerSums: Record<string, string> | string | null })[]>`
    WITH upd AS (
      UPDATE cards SET
        status = 'unused', currency = ${input.currency}, amount = ${amount}, balance = balance + ${amount},
        customer_id = ${input.customer_id ?? null}, name = ${input.name ?? null}, originated_by = ${input.originated_by ?? null},
        metadata = ${metadata}::jsonb, active_from = ${activeFrom}::timestamptz, expires_at = ${expiresAt},
        activated_at = ${now}::timestamptz, activated_store_id = ${storeId}::uuid, activated_by = ${createdBy},
        token_expires_in = CASE WHEN ${tokenExpiresIn !== undefined} THEN ${tokenExpiresIn ?? null}::int ELSE token_expires_in END,
        token_single_use = CASE WHEN ${tokenSingleUse !== undefined} THEN ${tokenSingleUse ?? false} ELSE token_single_use END
      WHERE account_id = ${actor.accountId} AND card_id = ${cardId} AND status = 'inactive' AND deleted_at IS NULL AND blocked_at IS NULL
        -- Cards of a print run still being created (or failed) are not sellable yet.
        AND (batch_id IS NULL OR EXISTS (SELECT 1 FROM batches b WHERE b.id = cards.batch_id AND b.status = 'READY'))
      RETURNING *
    ),
    fund AS (${fund} FROM upd WHERE ${amount} > 0 RETURNING *),
    audit AS (${audit}),
    -- The Transaction object of the Wallet API (lib/cards/views.ts transactionView), absent fields omitted.
    fund_event AS (
      INSERT INTO outbox (id, account_id, event, payload)
      SELECT gen_random_uuid(), f.account_id, ${WALLET_TRANSACTION}, jsonb_build_object('transaction', jsonb_strip_nulls(jsonb_build_object(
        'id', f.id, 'card_id', upd.card_id, 'ref_id', f.ref_id, 'type', f.type, 'kind', 'fund', 'amount', f.amount,
        'currency', f.currency, 'pending', false, 'originated_by', f.originated_by, 'metadata', f.metadata,
        'created_at', ${ISO_UTC('f.created_at')}, 'created_by', f.created_by)))
      FROM fund f, upd
    ),
    card_event AS (
      INSERT INTO outbox (id, account_id, event, payload)
      SELECT gen_random_uuid(), upd.account_id, ${CARD_ACTIVATED}, jsonb_build_object('card', jsonb_strip_nulls(jsonb_build_object(
        'id', upd.id, 'card_id', upd.card_id, 'type', upd.type, 'status', upd.status, 'currency', upd.currency,
        'amount', upd.amount, 'customer_id', upd.customer_id, 'name', upd.name, 'originated_by', upd.originated_by,
        'metadata', upd.metadata, 'active_from', ${ISO_UTC('upd.active_from')}, 'expires_at', ${ISO_UTC('upd.expires_at')},
        'activated_at', ${ISO_UTC('upd.activated_at')})), 'store_id', upd.activated_store_id)
      FROM upd
    )
    SELECT ${cardSelect('upd')},
      (SELECT json_object_agg(s.kind, s.total) FROM (
        SELECT t.kind, sum(t.amount)::text AS total FROM card_transactions t WHERE t.card_pk = upd.id GROUP BY t.kind) s) AS "ledgerSums"
    FROM upd`;

  const row = rows[0];
  if (!row) throw await whyNotActivated(actor.accountId, cardId);
  const { ledgerSums, ...card } = row;
  const earlier = (typeof ledgerSums === 'string' ? JSON.parse(ledgerSums) : (ledgerSums ?? {})) as Partial<Record<LedgerKind, string>>;
  const sums: Partial<Record<LedgerKind, bigint>> = Object.fromEntries(Object.entries(earlier).map(([kind, total]) => [kind, BigInt(total ?? 0)]));
  sums.FUND = (sums.FUND ?? BigInt(0)) + amount;
  const amounts = amountsFromSums(sums);
  // The sums were read in the statement's snapshot; the card row is the one the UPDATE wrote. No
  // ledger write for an inactive card can commit in between (each writes the card row, which the
  // UPDATE would then re-read), but if the two ever disagreed, the ledger is read again.
  if (amounts.amount_balance !== card.balance || amounts.amount_pending !== card.pending) {
    return cardView(card, (await ledgerAmounts(db, [card.id])).get(card.id)!);
  }
  return cardView(card, amounts);
}

/** The answer when the conditional UPDATE matched nothing (only then is the card read again). */
async function whyNotActivated(accountId: string, cardId: string): Promise<AppError> {
  const card = await getDb().card.findUnique({ where: { accountId_cardId: { accountId, cardId } }, include: { batch: true } });
  // A blocked card answers like an unknown one (block-card.ts).
  if (!card || card.deletedAt || card.blockedAt) return new AppError('NOT_FOUND', 'Card not found.', undefined, userMessage('cardNotFound'));
  if (card.status === 'inactive' && card.batch && card.batch.status !== 'READY') {
    return new AppError(
      'CONFLICT',
      `Card ${cardId} belongs to a print run that is not ready yet.`,
      { batch_status: card.batch.status },
      userMessage('activateNotReady', { cardId }),
    );
  }
  return new AppError(
    'CONFLICT',
    `Card ${cardId} is ${card.status}; only inactive cards can be activated.`,
    {
      status: card.status,
      activated_at: card.activatedAt?.toISOString(),
    },
    userMessage('activateNotInactive', { cardId, status: card.status }),
  );
}
