import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { lockCardIds, reservedByPrintRun } from '@/lib/print-runs/card-id-claims';
import { defaultExpiresAt, defaultExpiryDays } from '@/lib/wallet-settings/wallet-settings';
import { ledgerAmounts } from './amounts';
import { assertTokensFree, isTokenCollision, issueSecrets, resolveFormats, resolveTokenBehaviour, secretViews } from './issue-secrets';
import { fundOnIssue } from './ledger';
import type { CreateCardInput } from './schemas';
import { cardView } from './views';

/**
 * Creates one card that is ready to use (`unused`) with its balance loaded through a `fund`
 * ledger row. Its token and PIN are returned once, in the contract's shape, and kept only hashed.
 */
export async function createCard(actor: Actor, input: CreateCardInput) {
  authorizeActor(actor, { permission: 'cards:manage', apiOperation: 'cards:write' });
  const { pinFormat, tokenFormat } = resolveFormats(input);
  // The token's lifetime counts from now (the card's activated_at), as the response is made now.
  const behaviour = resolveTokenBehaviour(input.card_token);
  const createdBy = actorRef(actor);
  const now = new Date();
  // Without expires_at: the account's default validity, counted from creation (wallet settings).
  const expiresAt = input.expires_at ? new Date(input.expires_at) : defaultExpiresAt(await defaultExpiryDays(actor.accountId), now);
  // A token colliding with a stored one (rare) is drawn again, as for batches.
  for (let attempt = 1; ; attempt++) {
    const [secret] = issueSecrets(actor.accountId, 1, pinFormat, tokenFormat);
    try {
      const card = await getDb().$transaction(async (tx) => {
        // Not an id a print run still being made has reserved (the run would fail on it).
        await lockCardIds(tx, actor.accountId);
        const reserved = await reservedByPrintRun(tx, actor.accountId, [input.card_id]);
        if (reserved) throw reserved;
        await assertTokensFree(tx, actor.accountId, 'cards', [secret!.token], [secret!.tokenHash]);
        const card = await tx.card.create({
          data: {
            id: secret!.pk,
            accountId: actor.accountId,
            cardId: input.card_id,
            type: input.type,
            status: 'unused',
            currency: input.currency,
            amount: BigInt(input.amount),
            tokenHash: secret!.tokenHash,
            maskedCode: secret!.maskedCode,
            tokenFormat,
            tokenExpiresIn: behaviour.expiresIn,
            tokenSingleUse: behaviour.isSingleUse,
            pinHash: secret!.pinHash,
            pinFormat,
            customerId: input.customer_id ?? null,
            name: input.name ?? null,
            originatedBy: input.originated_by ?? null,
            metadata: input.metadata ?? {},
            activeFrom: input.active_from ? new Date(input.active_from) : now,
            expiresAt,
            activatedAt: now,
            activatedBy: createdBy,
            createdBy,
          },
        });
        await fundOnIssue(tx, {
          accountId: actor.accountId,
          cardPk: card.id,
          amount: input.amount,
          currency: input.currency,
          refId: `creation:${card.id}`,
          originatedBy: input.originated_by,
          metadata: input.metadata,
          createdBy,
        });
        await recordAuditEvent(
          {
            accountId: actor.accountId,
            actor: auditActor(actor),
            action: 'card.create',
            target: { type: 'card', id: card.id },
            data: { card_id: input.card_id, amount: input.amount, currency: input.currency },
          },
          tx,
        );
        return tx.card.findUniqueOrThrow({ where: { id: card.id } });
      });
      const amounts = (await ledgerAmounts(getDb(), [card.id])).get(card.id)!;
      return { ...cardView(card, amounts), ...(await secretViews(secret!, pinFormat, tokenFormat, behaviour)) };
    } catch (error) {
      if (isTokenCollision(error) && attempt < 3) continue;
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'A card with that card_id already exists.', { card_ids: [input.card_id] });
      throw error;
    }
  }
}
