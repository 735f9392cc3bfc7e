/**
 * Appends to the audit log. Callers pass identifiers and non-secret facts only; the log is
 * readable by HQ admins and must never hold a card token, PIN, password or API secret.
 */
import type { Actor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

export interface AuditEventInput {
  accountId: string | null;
  actor: { type: 'USER' | 'API_CLIENT' | 'SYSTEM'; id: string | null };
  action: string;
  target?: { type: string; id: string };
  data?: Prisma.InputJsonObject;
}

export function auditActor(actor: Actor): AuditEventInput['actor'] {
  return actor.kind === 'user' ? { type: 'USER', id: actor.userId } : { type: 'API_CLIENT', id: actor.clientId };
}

export async function recordAuditEvent(event: AuditEventInput, tx: DbTx = getDb()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      accountId: event.accountId,
      actorType: event.actor.type,
      actorId: event.actor.id,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target?.id ?? null,
      data: event.data ?? {},
    },
  });
}
