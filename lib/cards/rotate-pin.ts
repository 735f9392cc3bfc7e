import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { code128DataUrl } from '@/lib/secrets/barcode';
import { generateSecret } from '@/lib/secrets/generate';
import { hashPin } from '@/lib/secrets/hash';
import { lockCard } from './lock-card';
import type { RotatePinInput } from './schemas';

/**
 * Replaces a card's PIN (or gives it one). The new PIN is returned once and stored only hashed.
 * `why`: HQ's reason and note (rotate-pin-hq.ts), recorded in the same audit row.
 */
export async function rotatePin(actor: Actor, cardId: string, input: RotatePinInput, why?: { reason: string; note: string; request_key: string }) {
  authorizeActor(actor, { permission: 'pins:rotate', apiOperation: 'cards:write' });
  const format = input.pin.format;
  const pin = generateSecret(format);
  await getDb().$transaction(async (tx) => {
    const card = await lockCard(tx, actor.accountId, { cardId });
    await tx.card.update({
      where: { id: card.id },
      data: { pinHash: hashPin(card.id, pin), pinFormat: format, pinFailures: 0, pinFailureWindowAt: null, pinLockedUntil: null },
    });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'card.rotate_pin',
        target: { type: 'card', id: card.id },
        data: { card_id: cardId, ...(why ? { via: 'hq', ...why } : {}) },
      },
      tx,
    );
  });
  const barcode = format.barcode ? await code128DataUrl(pin) : undefined;
  return { pin: { format, pin: { value: pin, ...(barcode ? { barcode_128: barcode } : {}) } } };
}
