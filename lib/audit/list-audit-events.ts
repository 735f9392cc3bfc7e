import { z } from 'zod';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { AuditQuery } from './audit-schema';

/** Counting stops here ("more than 10,000"), a bounded index walk on a log of millions. */
export const AUDIT_COUNT_CAP = 10_000;

export interface AuditEventRow {
  id: string;
  at: string;
  actorType: 'USER' | 'API_CLIENT' | 'SYSTEM';
  actorId: string | null;
  /** The user's name or email, the API client's name; null for the system or someone since removed. */
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The card id printed on a card (the row names the card's internal key). */
  targetLabel: string | null;
  data: unknown;
}

export interface AuditPage {
  rows: AuditEventRow[];
  count: number;
  isCountCapped: boolean;
  nextCursor: string | null;
  /** A card filter naming no card of the account: nothing can match. */
  isUnknownCard: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

export function encodeAuditCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify({ at: at.toISOString(), id })).toString('base64url');
}

function decodeCursor(raw: string | undefined): z.infer<typeof cursorSchema> | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The WHERE clause of the filters (each narrows), or null when a card filter names no card. The
 * card, print run and store are the event's target; a store also matches the events that
 * happened at it (an activation, a counter block: `store_id` in the data, lib/audit/catalogue.ts).
 */
export async function auditWhere(accountId: string, input: AuditQuery): Promise<Prisma.Sql | null> {
  const db = getDb();
  const conds: Prisma.Sql[] = [Prisma.sql`e.account_id = ${accountId}`];
  if (input.actor) {
    conds.push(Prisma.sql`e.actor_type = ${input.actor.type}::"ActorType"`);
    if (input.actor.id !== null) conds.push(Prisma.sql`e.actor_id = ${input.actor.id}`);
  }
  if (input.action) conds.push(Prisma.sql`e.action = ${input.action}`);
  if (input.card) {
    const card = await db.card.findUnique({ where: { accountId_cardId: { accountId, cardId: input.card } }, select: { id: true } });
    if (!card) return null;
    conds.push(Prisma.sql`e.target_type = 'card' AND e.target_id = ${card.id}`);
  }
  if (input.batch) conds.push(Prisma.sql`e.target_type = 'batch' AND e.target_id = ${input.batch}`);
  if (input.store) conds.push(Prisma.sql`((e.target_type = 'store' AND e.target_id = ${input.store}) OR e.data->>'store_id' = ${input.store})`);
  if (input.from || input.to) {
    const { timeZone } = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { timeZone: true } });
    if (input.from) conds.push(Prisma.sql`e.created_at >= ((${input.from}::date)::timestamp AT TIME ZONE ${timeZone})`);
    if (input.to) conds.push(Prisma.sql`e.created_at < ((${input.to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`);
  }
  return Prisma.join(conds, ' AND ');
}

interface EventRow {
  id: string;
  created_at: Date;
  actor_type: 'USER' | 'API_CLIENT' | 'SYSTEM';
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: unknown;
}

/** A page's statement: newest first, from the cursor on, one row more than `size` (is there a next page?). */
export function auditPageSql(where: Prisma.Sql, size: number, cursor: string | undefined): Prisma.Sql {
  const after = decodeCursor(cursor);
  return Prisma.sql`
    SELECT e.id, e.created_at, e.actor_type, e.actor_id, e.action, e.target_type, e.target_id, e.data
    FROM audit_events e WHERE ${where}
    ${after ? Prisma.sql`AND (e.created_at, e.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : Prisma.empty}
    ORDER BY e.created_at DESC, e.id DESC LIMIT ${size + 1}`;
}

/** Newest first, from the cursor on: `size` events and the cursor of the next page, if any. */
export async function readAuditPage(where: Prisma.Sql, size: number, cursor: string | undefined): Promise<{ rows: EventRow[]; next: string | null }> {
  const rows = await getDb().$queryRaw<EventRow[]>(auditPageSql(where, size, cursor));
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { rows: page, next: rows.length > size && last ? encodeAuditCursor(last.created_at, last.id) : null };
}

/** Names for the actors and card ids for the card targets of a page: three indexed look-ups, not one per row. */
export async function describeAuditRows(accountId: string, rows: EventRow[]): Promise<AuditEventRow[]> {
  const db = getDb();
  // Ids as written: a uuid column is compared with uuids only (an odd id would fail the query).
  const uuids = (values: (string | null)[]) => [...new Set(values)].filter((v): v is string => v !== null && UUID.test(v));
  const userIds = uuids(rows.map((r) => (r.actor_type === 'USER' ? r.actor_id : null)));
  const clientIds = [...new Set(rows.map((r) => (r.actor_type === 'API_CLIENT' ? r.actor_id : null)))].filter((v): v is string => v !== null);
  const cardPks = uuids(rows.map((r) => (r.target_type === 'card' ? r.target_id : null)));
  const [users, clients, cards] = await Promise.all([
    db.user.findMany({ where: { accountId, id: { in: userIds } }, select: { id: true, name: true, email: true } }),
    db.apiClient.findMany({ where: { accountId, clientId: { in: clientIds } }, select: { clientId: true, name: true } }),
    db.card.findMany({ where: { accountId, id: { in: cardPks } }, select: { id: true, cardId: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name || u.email]));
  const clientName = new Map(clients.map((c) => [c.clientId, c.name || c.clientId]));
  const cardId = new Map(cards.map((c) => [c.id, c.cardId]));
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at.toISOString(),
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_id === null ? null : ((r.actor_type === 'USER' ? userName : clientName).get(r.actor_id) ?? null),
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    targetLabel: r.target_type === 'card' && r.target_id ? (cardId.get(r.target_id) ?? null) : null,
    data: r.data,
  }));
}

/**
 * One page of the account's audit log, newest first, filtered by actor, action, card, print run,
 * store and a day range (the account's time zone), keyset-paged, counted up to AUDIT_COUNT_CAP.
 * HQ admins (`audit:view`).
 */
export async function listAuditEvents(actor: UserActor, input: AuditQuery): Promise<AuditPage> {
  assertCan(actor, 'audit:view');
  const where = await auditWhere(actor.accountId, input);
  if (!where) return { rows: [], count: 0, isCountCapped: false, nextCursor: null, isUnknownCard: true };
  const [page, counted] = await Promise.all([
    readAuditPage(where, input.size, input.cursor),
    getDb().$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM (SELECT 1 FROM audit_events e WHERE ${where} LIMIT ${AUDIT_COUNT_CAP + 1}) x`),
  ]);
  const n = Number(counted[0]?.n ?? 0);
  return {
    rows: await describeAuditRows(actor.accountId, page.rows),
    count: Math.min(n, AUDIT_COUNT_CAP),
    isCountCapped: n > AUDIT_COUNT_CAP,
    nextCursor: page.next,
    isUnknownCard: false,
  };
}

/** The choices of the actor and store filters (the account's users, API clients and stores) and the time zone of its days. */
export async function getAuditFilterOptions(actor: UserActor) {
  assertCan(actor, 'audit:view');
  const db = getDb();
  const [account, users, clients, stores] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { timeZone: true } }),
    db.user.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true, email: true }, orderBy: { email: 'asc' } }),
    db.apiClient.findMany({ where: { accountId: actor.accountId }, select: { clientId: true, name: true }, orderBy: { clientId: 'asc' } }),
    db.store.findMany({ where: { accountId: actor.accountId }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return {
    actors: [
      ...users.map((u) => ({ value: `USER:${u.id}`, label: u.name ? `${u.name} (${u.email})` : u.email })),
      ...clients.map((c) => ({ value: `API_CLIENT:${c.clientId}`, label: c.name ? `${c.name} (${c.clientId})` : c.clientId })),
    ],
    stores,
    timeZone: account.timeZone,
  };
}
