import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';

export interface ReportContext {
  accountId: string;
  accountName: string;
  timeZone: string;
  storeName: (id: string | null) => string;
  batchName: (id: string | null) => string;
}

export const NO_STORE = 'No store (API)';

/** Authorizes the actor and loads what every report labels its rows with (names, time zone). */
export async function reportContext(actor: UserActor, permission: Permission = 'reports:view'): Promise<ReportContext> {
  assertCan(actor, permission);
  const db = getDb();
  const [account, stores, batches] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { name: true, timeZone: true } }),
    db.store.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true } }),
    db.batch.findMany({ where: { accountId: actor.accountId }, select: { id: true, createdAt: true, purchaseOrder: true, quantity: true } }),
  ]);
  const storeNames = new Map(stores.map((s) => [s.id, s.name]));
  const batchNames = new Map(
    batches.map((b) => [
      b.id,
      `${b.purchaseOrder ? `${b.purchaseOrder} ` : ''}${b.createdAt.toISOString().slice(0, 10)} (${b.quantity} cards, ${b.id.slice(0, 8)})`,
    ]),
  );
  return {
    accountId: actor.accountId,
    accountName: account.name,
    timeZone: account.timeZone,
    storeName: (id) => (id ? (storeNames.get(id) ?? id) : NO_STORE),
    batchName: (id) => (id ? (batchNames.get(id) ?? id) : 'Not from a print run'),
  };
}
