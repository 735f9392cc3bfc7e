import { z } from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import { actorRef } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/assert';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { withIdempotencyKey } from '@/lib/idempotency/with-idempotency-key';
import { DEFAULT_PIN_FORMAT, pinFormatSchema } from '@/lib/secrets/format';
import { CONTROL_REASONS } from './control-reasons';
import { controlNoteSchema, requestKeySchema } from './control-schemas';
import { rotatePin } from './rotate-pin';

export const rotatePinHqSchema = z.object({
  reason: z.enum(CONTROL_REASONS.rotate_pin, { message: `reason must be one of ${CONTROL_REASONS.rotate_pin.join(', ')}` }),
  note: controlNoteSchema,
  request_key: requestKeySchema,
});
export type RotatePinHqInput = z.infer<typeof rotatePinHqSchema>;

/**
 * HQ's "new PIN" for re-issuing a card whose PIN is scratched off: the card core's rotatePin (the
 * Wallet API's rotate-pin) in the card's own PIN format, with a reason in its audit row. HQ admins
 * (pins:rotate). The PIN is answered once: a repeat of the same request key answers that the PIN
 * was rotated, without it (the replay is stored without the secret).
 */
export async function rotatePinFromHq(actor: UserActor, cardId: string, input: RotatePinHqInput) {
  assertCan(actor, 'pins:rotate');
  const card = await getDb().card.findFirst({ where: { accountId: actor.accountId, cardId }, select: { pinFormat: true } });
  if (!card) throw new AppError('NOT_FOUND', 'Card not found.', undefined, userMessage('cardNotFound'));
  const parsed = pinFormatSchema.safeParse(card.pinFormat);
  const format = parsed.success ? parsed.data : { ...DEFAULT_PIN_FORMAT };
  const result = await withIdempotencyKey(
    { accountId: actor.accountId, actor: actorRef(actor), key: input.request_key, operation: 'hq.cards.rotate_pin', request: { cardId, ...input } },
    async () => {
      const rotated = await rotatePin(actor, cardId, { pin: { format } }, input);
      return { status: 200, body: { pin: rotated.pin.pin.value as string | null }, storedBody: { pin: null } };
    },
  );
  return result.body as { pin: string | null };
}
