/**
 * Appends to the audit log. Callers pass identifiers and non-secret facts only; the log is
 * readable by HQ admins and must never hold a card token, PIN, password or API secret. Only the
 * actions of the catalogue (lib/audit/catalogue.ts), each with its data's shape, type-checked.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { isAuditAction, type AuditAction, type AuditData } from './catalogue';

/** One audit row: a catalogued action with data of its shape (a union over the actions, so `action` decides `data`). */
export type AuditEventInput<A extends AuditAction = AuditAction> = {
  [K in A]: {
    accountId: string | null;
    actor: { type: 'USER' | 'API_CLIENT' | 'SYSTEM'; id: string | null };
    action: K;
    target?: { type: string; id: string };
    data?: AuditData<K> & Prisma.InputJsonObject;
  };
}[A];

/** The type check's runtime twin, for an action string built at run time. */
function assertCatalogued(action: string): void {
  if (!isAuditAction(action)) throw new Error(`Audit action ${JSON.stringify(action)} is not in lib/audit/catalogue.ts`);
}

export function auditActor(actor: Actor): AuditEventInput['actor'] {
  return actor.kind === 'user' ? { type: 'USER', id: actor.userId } : { type: 'API_CLIENT', id: actor.clientId };
}

export async function recordAuditEvent(event: AuditEventInput, tx: DbTx = getDb()): Promise<void> {
  assertCatalogued(event.action);
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

/**
 * The same row as one `INSERT … SELECT` to put inside a larger statement (a CTE of the ledger
 * write: lib/cards/ledger.ts), so a balance change and its audit row are one round trip.
 * `targetId` may be SQL (e.g. the id an UPDATE … RETURNING gave) when the target is not known yet;
 * `from` is the SELECT's FROM clause (nothing: one row); `data` (a jsonb expression) adds what
 * only the statement knows to `event.data`.
 */
export function auditInsertSql(event: AuditEventInput, options: { targetId?: Prisma.Sql; from?: Prisma.Sql; data?: Prisma.Sql } = {}): Prisma.Sql {
  assertCatalogued(event.action);
  const targetId = options.targetId ?? Prisma.sql`${event.target?.id ?? null}`;
  const extra = options.data ? Prisma.sql` || ${options.data}` : Prisma.empty;
  return Prisma.sql`INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data)
    SELECT ${randomUUID()}::uuid, ${event.accountId}, ${event.actor.type}::"ActorType", ${event.actor.id}, ${event.action},
           ${event.target?.type ?? null}, (${targetId})::text, ${JSON.stringify(event.data ?? {})}::jsonb${extra}
    ${options.from ? Prisma.sql`FROM ${options.from}` : Prisma.empty}`;
}
