import { randomUUID } from 'node:crypto';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { CardToken } from '@/lib/generated/prisma/client';
import { requestHash } from '@/lib/idempotency/with-idempotency-key';
import { code128DataUrl } from '@/lib/secrets/barcode';
import type { SecretFormat } from '@/lib/secrets/format';
import { generateSecret } from '@/lib/secrets/generate';
import { hashToken } from '@/lib/secrets/hash';
import { maskSecret } from '@/lib/secrets/mask';
import { assertTokensFree, isTokenCollision } from './issue-secrets';
import { isExpired, lockCard } from './lock-card';
import type { CreateCardTokenInput } from './schemas';

/**
 * Dintero's default card code: `DINCARD:` and a random UUID (122 random bits), reported with the
 * format of Dintero's own example. A code made with an explicit `format` is drawn like a card token.
 */
export const DEFAULT_CODE_PREFIX = 'DINCARD:';
export const DEFAULT_CODE_FORMAT: Readonly<SecretFormat> = Object.freeze({
  length: 36,
  prefix: DEFAULT_CODE_PREFIX,
  numbers: true,
  characters: true,
  symbols: true,
  barcode: false,
});

function drawCode(format: SecretFormat | undefined): { value: string; format: SecretFormat } {
  return format ? { value: generateSecret(format), format } : { value: DEFAULT_CODE_PREFIX + randomUUID(), format: DEFAULT_CODE_FORMAT };
}

/** A card code in the contract's shape, without its value (what a ref_id replay returns). */
export function cardTokenView(row: CardToken, cardId: string) {
  return {
    id: row.id,
    card_id: cardId,
    ref_id: row.refId,
    expires_in: row.expiresIn ?? undefined,
    expires_at: row.expiresAt?.toISOString(),
    expires_after_transaction: row.isSingleUse,
    metadata: row.metadata,
    format: row.format,
    masked_code: row.maskedCode,
    created_at: row.createdAt.toISOString(),
    created_by: row.createdBy,
  };
}

/**
 * Creates a temporary card code (Dintero's "Create card token", `POST /cards/{card_id}/tokens`): a
 * new token that pays from the card like its own, until `expires_in` seconds from now and, with
 * `expires_after_transaction`, for one transaction only. Its value is returned once and stored only
 * as an HMAC (plus a masked form), like every token. For an active or unused card that has not
 * expired (an inactive card cannot pay yet, so a code for it would only mislead).
 *
 * Idempotent per (card, ref_id), under the card's row lock: the same request again returns the
 * original code without its value (`secrets_shown_once`), another request is a 409.
 * API clients with write:wallets or admin:wallets; HQ admins (the permission that releases secrets).
 */
export async function createCardToken(actor: Actor, cardId: string, input: CreateCardTokenInput) {
  authorizeActor(actor, { permission: 'secrets:release', apiOperation: 'cards:write' });
  const createdBy = actorRef(actor);
  // A value colliding with a stored token (rare) is drawn again.
  for (let attempt = 1; ; attempt++) {
    const code = drawCode(input.format);
    const tokenHash = hashToken(actor.accountId, code.value);
    try {
      const result = await getDb().$transaction(async (tx) => {
        const card = await lockCard(tx, actor.accountId, { cardId });
        const hash = requestHash({ ...input, card: card.id });
        const existing = await tx.cardToken.findUnique({ where: { cardPk_refId: { cardPk: card.id, refId: input.ref_id } } });
        if (existing) {
          if (existing.requestHash !== hash) {
            throw new AppError('CONFLICT', 'This ref_id was already used on this card for a different request.', { ref_id: input.ref_id });
          }
          return { row: existing, isReplay: true };
        }
        const now = new Date();
        if (card.status === 'inactive') throw new AppError('CONFLICT', 'The card is inactive: activate it first.', { status: card.status });
        if (isExpired(card, now)) throw new AppError('CONFLICT', 'The card has expired.', { expires_at: card.expiresAt?.toISOString() });
        await assertTokensFree(tx, actor.accountId, 'card_tokens', [code.value], [tokenHash]);
        const row = await tx.cardToken.create({
          data: {
            accountId: actor.accountId,
            cardPk: card.id,
            tokenHash,
            maskedCode: maskSecret(code.value, code.format.prefix),
            format: code.format,
            refId: input.ref_id,
            requestHash: hash,
            metadata: input.metadata ?? {},
            expiresIn: input.expires_in ?? null,
            // Counted from now: the response follows at once.
            expiresAt: input.expires_in === undefined ? null : new Date(now.getTime() + input.expires_in * 1000),
            isSingleUse: input.expires_after_transaction,
            createdAt: now,
            createdBy,
          },
        });
        await recordAuditEvent(
          {
            accountId: actor.accountId,
            actor: auditActor(actor),
            action: 'card.token_create',
            target: { type: 'card', id: card.id },
            data: {
              card_id: cardId,
              card_token_id: row.id,
              ref_id: input.ref_id,
              expires_in: input.expires_in ?? null,
              expires_after_transaction: input.expires_after_transaction,
            },
          },
          tx,
        );
        return { row, isReplay: false };
      });
      const view = cardTokenView(result.row, cardId);
      if (result.isReplay) return { body: { ...view, secrets_shown_once: true }, isReplay: true };
      const barcode = code.format.barcode ? await code128DataUrl(code.value) : undefined;
      return { body: { ...view, token: { value: code.value, ...(barcode ? { barcode_128: barcode } : {}) } }, isReplay: false };
    } catch (error) {
      if (isTokenCollision(error) && attempt < 3) continue;
      throw error;
    }
  }
}
