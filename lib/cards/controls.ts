/**
 * What HQ's card controls (adjust, refund, replace, expiry, deactivate) share: the ledger ref_id a
 * request key becomes (unique per card: a replay is found under the card's lock and answers the
 * first result), the request's fingerprint, and the audit row each writes with before/after.
 */
import { auditActor, type AuditEventInput } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { Card, Prisma } from '@/lib/generated/prisma/client';
import { requestHash } from '@/lib/idempotency/with-idempotency-key';
import type { ControlName } from './control-reasons';

/** The ledger ref_id of a control's row: the request key, namespaced so no API ref_id can collide. */
export function controlRefId(control: ControlName, requestKey: string): string {
  return `cardstock:${control}:${requestKey}`;
}

/** The fingerprint of a control request: the same key with another request is a conflict. */
export function controlHash(control: ControlName, cardId: string, input: object): string {
  return requestHash({ control, card_id: cardId, ...input });
}

/** The controls' audit actions (lib/audit/catalogue.ts): the caller names its own, as a literal. */
export type ControlAuditAction = 'card.adjust' | 'card.refund' | 'card.replace' | 'card.replace_in' | 'card.expiry' | 'card.deactivate';

export function controlAudit(
  actor: Actor,
  card: Card,
  event: {
    action: ControlAuditAction;
    data: { reason: string; note: string; request_key: string; before: Prisma.InputJsonObject; after: Prisma.InputJsonObject } & Prisma.InputJsonObject;
  },
): AuditEventInput {
  return {
    accountId: actor.accountId,
    actor: auditActor(actor),
    action: event.action,
    target: { type: 'card', id: card.id },
    data: { card_id: card.cardId, via: actor.kind === 'user' ? 'hq' : 'api', ...event.data },
  } as AuditEventInput;
}

/** The card's cached figures as an audit before/after (numbers: minor units). */
export function balanceFacts(card: Pick<Card, 'balance' | 'pending'>): { balance: number; pending: number; available: number } {
  return { balance: Number(card.balance), pending: Number(card.pending), available: Number(card.balance - card.pending) };
}

/** A deactivated card takes no control but the reading of it. */
export function assertNotDeactivated(card: Card): void {
  if (card.deactivatedAt) throw new AppError('CONFLICT', 'The card is deactivated for good.', { reason: 'card_deactivated' }, userMessage('cardDeactivated'));
}

/** Adjust and refund move money on a card in use: a blocked card is unblocked first (or replaced). */
export function assertNotBlocked(card: Card): void {
  assertNotDeactivated(card);
  if (card.blockedAt)
    throw new AppError('CONFLICT', 'The card is blocked: unblock it first.', { reason: 'card_blocked' }, userMessage('cardBlockedUnblockFirst'));
}
