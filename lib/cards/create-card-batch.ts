import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { cardBatchSpec } from '@/lib/print-runs/batch-spec';
import { lockCardIds, reservedByPrintRun } from '@/lib/print-runs/card-id-claims';
import { amountsFromSums } from './amounts';
import { insertCardsWithSecrets } from './insert-cards';
import { isTokenCollision, issueSecrets, resolveFormats, resolveTokenBehaviour, secretViews } from './issue-secrets';
import type { CreateBatchInput } from './schemas';
import { cardView } from './views';

/** Unreleased print secrets are destroyed after this long (issue: print runs). */
/** When unreleased secrets of a batch ordered now are destroyed (CARDSTOCK_SECRETS_RETENTION_DAYS). */
export function secretsDeadlineFrom(now: Date, env = getEnv()): Date {
  return new Date(now.getTime() + env.CARDSTOCK_SECRETS_RETENTION_DAYS * 86_400_000);
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const id of ids) (seen.has(id) ? dups : seen).add(id);
  return [...dups];
}

/**
 * Creates inactive, zero-balance cards with fresh secrets, all or nothing. A card id repeated in
 * the request, already in the account, or reserved by a print run still being made is a conflict
 * naming the ids (and the run); nothing is written.
 * Returns the clear secrets once (the caller shows them and forgets them) and keeps them only
 * sealed in the batch's vault for the one-time print-file release.
 */
export async function createCardBatch(actor: Actor, input: CreateBatchInput) {
  authorizeActor(actor, { permission: 'cards:manage', apiOperation: 'cards:write' });
  const ids = input.cards.map((c) => c.card_id);
  const repeated = duplicates(ids);
  if (repeated.length > 0) {
    throw new AppError(
      'CONFLICT',
      'Some card_id values appear more than once in the request.',
      { card_ids: repeated.slice(0, 100) },
      userMessage('cardIdsRepeated'),
    );
  }
  const db = getDb();
  const conflict = await existingIdsConflict(actor.accountId, ids, 'Some card_id values already exist in this account.');
  if (conflict) throw conflict;
  const { pinFormat, tokenFormat } = resolveFormats(input.options);
  // A batch card's token lifetime counts from its activation, like the default validity: a printed
  // card may wait months for its sale, and a code dead before it is sold would help nobody.
  const tokenBehaviour = resolveTokenBehaviour(input.options?.card_token);
  const createdBy = actorRef(actor);

  // A token colliding with an existing one (astronomically rare with sane formats) makes the
  // unique index refuse the insert; new secrets are drawn and the whole batch tried again.
  for (let attempt = 1; ; attempt++) {
    const secrets = issueSecrets(actor.accountId, ids.length, pinFormat, tokenFormat);
    try {
      const batch = await db.$transaction(
        async (tx) => {
          await lockCardIds(tx, actor.accountId);
          const reserved = await reservedByPrintRun(tx, actor.accountId, ids);
          if (reserved) throw reserved;
          const batch = await tx.batch.create({
            data: {
              accountId: actor.accountId,
              type: input.cards[0]!.type,
              quantity: ids.length,
              cardsCreated: ids.length,
              status: 'READY',
              spec: cardBatchSpec(actor.kind === 'user' ? 'web' : 'api', pinFormat, tokenFormat),
              secretsDeadline: secretsDeadlineFrom(new Date()),
              createdBy,
            },
          });
          await insertCardsWithSecrets(tx, {
            accountId: actor.accountId,
            batchId: batch.id,
            offset: 0,
            cards: input.cards.map((c) => ({ cardId: c.card_id, type: c.type })),
            secrets,
            pinFormat,
            tokenFormat,
            tokenBehaviour,
            createdBy,
          });
          await recordAuditEvent(
            {
              accountId: actor.accountId,
              actor: auditActor(actor),
              action: 'batch.create',
              target: { type: 'batch', id: batch.id },
              data: { quantity: ids.length, first_card_id: ids[0]!, last_card_id: ids.at(-1)! },
            },
            tx,
          );
          return batch;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
      return { batch, secrets, pinFormat, tokenFormat, tokenBehaviour };
    } catch (error) {
      if (isTokenCollision(error)) {
        if (attempt < 3) continue;
        throw new AppError('CONFLICT', 'Could not draw unique card tokens; use a longer token format.', undefined, userMessage('tokensNotUnique'));
      }
      if (!isUniqueViolation(error)) throw error;
      // Another request created some of these card ids between our check and our insert.
      throw (
        (await existingIdsConflict(actor.accountId, ids, 'Some card_id values were created by another request meanwhile.')) ??
        new AppError('CONFLICT', 'Some card_id values were being created by another request; try again.', undefined, userMessage('cardIdsBeingCreated'))
      );
    }
  }
}

/** A 409 naming (up to 100 of) the ids that already exist in the account, or null when none do. */
async function existingIdsConflict(accountId: string, ids: string[], message: string): Promise<AppError | null> {
  const existing = await getDb().card.findMany({ where: { accountId, cardId: { in: ids } }, select: { cardId: true }, take: 100 });
  return existing.length > 0 ? new AppError('CONFLICT', message, { card_ids: existing.map((c) => c.cardId) }, userMessage('cardIdsExist')) : null;
}

/** The API response: each card with its one-time secrets, in the contract's shape. */
export async function batchResponse(result: Awaited<ReturnType<typeof createCardBatch>>) {
  const db = getDb();
  const cards = await db.card.findMany({ where: { batchId: result.batch.id } });
  const byPk = new Map(cards.map((c) => [c.id, c]));
  const zero = amountsFromSums({});
  const withSecrets = await Promise.all(
    result.secrets.map(async (s) => ({
      ...cardView(byPk.get(s.pk)!, zero),
      ...(await secretViews(s, result.pinFormat, result.tokenFormat, result.tokenBehaviour)),
    })),
  );
  // What an Idempotency-Key replay returns: the same cards, masked — secrets are shown once only.
  const replay = result.secrets.map((s) => cardView(byPk.get(s.pk)!, zero));
  return { body: { cards: withSecrets }, storedBody: { cards: replay, secrets_shown_once: true } };
}
