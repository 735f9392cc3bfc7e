import { z } from 'zod';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { normalizeTokenInput, tokenLookupHashes } from '@/lib/secrets/hash';
import type { CardSearchQuery, CardSort } from './search-schema';

/** Counting stops here: "10,000+" is as useful as an exact count and costs a bounded index walk. */
export const SEARCH_COUNT_CAP = 10_000;

export interface CardSearchRow {
  cardId: string;
  status: string;
  isBlocked: boolean;
  maskedCode: string | null;
  currency: string | null;
  balance: number;
  customerId: string | null;
  activatedAt: string | null;
  expiresAt: string | null;
  createdAt: string;
}

export interface CardSearchResult {
  rows: CardSearchRow[];
  /** Cards matching the filters, counted up to SEARCH_COUNT_CAP (then `isCountCapped`). */
  count: number;
  isCountCapped: boolean;
  /** The keyset position after the last row; null on the last page. */
  nextCursor: string | null;
}

/** What the search runs on: the query string's filters plus the form-only `q` and cursor. */
export type CardSearchSpec = CardSearchQuery & { q?: string; cursor?: string };

const SORT_COLUMNS: Record<CardSort, { sql: Prisma.Sql; cast: Prisma.Sql; isNullable: boolean }> = {
  created: { sql: Prisma.raw('c.created_at'), cast: Prisma.raw('timestamptz'), isNullable: false },
  card_id: { sql: Prisma.raw('c.card_id'), cast: Prisma.raw('text'), isNullable: false },
  activated: { sql: Prisma.raw('c.activated_at'), cast: Prisma.raw('timestamptz'), isNullable: true },
  expires: { sql: Prisma.raw('c.expires_at'), cast: Prisma.raw('timestamptz'), isNullable: true },
  balance: { sql: Prisma.raw('c.balance'), cast: Prisma.raw('bigint'), isNullable: false },
};

/** The keyset position: the last row's sort value (null: in the trailing run of rows without one) and id. */
const cursorSchema = z.object({
  s: z.enum(Object.keys(SORT_COLUMNS) as [CardSort, ...CardSort[]]),
  d: z.enum(['asc', 'desc']),
  v: z.string().nullable(),
  id: z.uuid(),
});
type Cursor = z.infer<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor of another sort, or garbage, starts from the top rather than failing. */
function decodeCursor(raw: string | undefined, spec: CardSearchSpec): Cursor | null {
  if (!raw) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.s === spec.sort && parsed.data.d === spec.dir ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * `expr` starts with `prefix`, as the byte-wise range a text_pattern_ops index answers even in a
 * generic plan of a named prepared statement (where `LIKE $1` could not use it): from the prefix
 * up to the prefix with its last code point raised by one (UTF-8 byte order is code point order).
 */
function startsWith(expr: Prisma.Sql, prefix: string): Prisma.Sql {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)!;
  const lower = Prisma.sql`${expr} ~>=~ ${prefix}`;
  if (last >= 0x10ffff) return lower;
  // Not a surrogate half: a code point just below them goes to the first one after them.
  const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
  return Prisma.sql`${lower} AND ${expr} ~<~ ${points.join('') + String.fromCodePoint(next)}`;
}

/** Midnight at the start of `day` in the account's time zone (the planner folds it to a constant: index-friendly). */
const startOfDay = (day: string, timeZone: string) => Prisma.sql`((${day}::date)::timestamp AT TIME ZONE ${timeZone})`;
const endOfDay = (day: string, timeZone: string) => Prisma.sql`((${day}::date + 1)::timestamp AT TIME ZONE ${timeZone})`;

/** The WHERE clause of every filter; each one narrows (AND), and each has an index to start from. */
export function cardSearchWhere(accountId: string, timeZone: string, spec: CardSearchSpec): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`c.account_id = ${accountId}`, Prisma.sql`c.deleted_at IS NULL`];
  if (spec.q) {
    const q = spec.q;
    // A card id (whole or its start), a whole token through its keyed hash (never the token
    // itself), or the last digits of the token, which the masked code ends with.
    const hashes = tokenLookupHashes(accountId, normalizeTokenInput(q));
    const or = [Prisma.sql`(${startsWith(Prisma.sql`c.card_id::text`, q)})`, Prisma.sql`c.token_hash IN (${Prisma.join(hashes)})`];
    if (/^[0-9A-Za-z]{4,}$/.test(q)) or.push(Prisma.sql`(${startsWith(Prisma.sql`reverse(c.masked_code)`, [...q].reverse().join(''))})`);
    conds.push(Prisma.sql`(${Prisma.join(or, ' OR ')})`);
  }
  if (spec.customer) conds.push(Prisma.sql`c.customer_id = ${spec.customer}`);
  if (spec.batch) conds.push(Prisma.sql`c.batch_id = ${spec.batch}::uuid`);
  if (spec.store) conds.push(Prisma.sql`c.activated_store_id = ${spec.store}::uuid`);
  if (spec.status === 'blocked') conds.push(Prisma.sql`c.blocked_at IS NOT NULL`);
  else if (spec.status) conds.push(Prisma.sql`c.status = ${spec.status}::"CardStatus" AND c.blocked_at IS NULL`);
  if (spec.activated_from) conds.push(Prisma.sql`c.activated_at >= ${startOfDay(spec.activated_from, timeZone)}`);
  if (spec.activated_to) conds.push(Prisma.sql`c.activated_at < ${endOfDay(spec.activated_to, timeZone)}`);
  if (spec.expires_from) conds.push(Prisma.sql`c.expires_at >= ${startOfDay(spec.expires_from, timeZone)}`);
  if (spec.expires_to) conds.push(Prisma.sql`c.expires_at < ${endOfDay(spec.expires_to, timeZone)}`);
  if (spec.balance_min !== undefined) conds.push(Prisma.sql`c.balance >= ${spec.balance_min}`);
  if (spec.balance_max !== undefined) conds.push(Prisma.sql`c.balance <= ${spec.balance_max}`);
  return Prisma.join(conds, ' AND ');
}

const COLUMNS = Prisma.raw(
  'c.id, c.card_id, c.status, c.blocked_at, c.masked_code, c.currency, c.balance, c.customer_id, c.activated_at, c.expires_at, c.created_at',
);

/**
 * One page of the search as one statement: ORDER BY the sort column then the id, in the sort's
 * direction, from the cursor on (a row comparison an index on (account_id, column, id) answers).
 * Rows without a value of a nullable sort column (never activated, no expiry) come last in both
 * directions: a second branch, read only when the first runs out (UNION ALL under LIMIT).
 */
export function cardSearchPageSql(accountId: string, timeZone: string, spec: CardSearchSpec): Prisma.Sql {
  const where = cardSearchWhere(accountId, timeZone, spec);
  const column = SORT_COLUMNS[spec.sort];
  const cursor = decodeCursor(spec.cursor, spec);
  const dir = Prisma.raw(spec.dir === 'asc' ? 'ASC' : 'DESC');
  const cmp = Prisma.raw(spec.dir === 'asc' ? '>' : '<');
  const limit = spec.size + 1;
  const valued = (after: Cursor | null) => Prisma.sql`SELECT ${COLUMNS} FROM cards c WHERE ${where}
    ${column.isNullable ? Prisma.sql`AND ${column.sql} IS NOT NULL` : Prisma.empty}
    ${after && after.v !== null ? Prisma.sql`AND (${column.sql}, c.id) ${cmp} (${after.v}::${column.cast}, ${after.id}::uuid)` : Prisma.empty}
    ORDER BY ${column.sql} ${dir}, c.id ${dir} LIMIT ${limit}`;
  if (!column.isNullable) return valued(cursor);
  const valueless = (after: Cursor | null) => Prisma.sql`SELECT ${COLUMNS} FROM cards c WHERE ${where} AND ${column.sql} IS NULL
    ${after ? Prisma.sql`AND c.id ${cmp} ${after.id}::uuid` : Prisma.empty}
    ORDER BY c.id ${dir} LIMIT ${limit}`;
  if (cursor && cursor.v === null) return valueless(cursor);
  return Prisma.sql`(${valued(cursor)}) UNION ALL (${valueless(null)}) LIMIT ${limit}`;
}

interface PageRow {
  id: string;
  card_id: string;
  status: string;
  blocked_at: Date | null;
  masked_code: string | null;
  currency: string | null;
  balance: bigint;
  customer_id: string | null;
  activated_at: Date | null;
  expires_at: Date | null;
  created_at: Date;
}

function sortValue(row: PageRow, sort: CardSort): string | null {
  if (sort === 'card_id') return row.card_id;
  if (sort === 'balance') return row.balance.toString();
  const date = sort === 'created' ? row.created_at : sort === 'activated' ? row.activated_at : row.expires_at;
  return date ? date.toISOString() : null;
}

/**
 * HQ's card search: any combination of the filters (each narrows), sorted by card id, creation,
 * activation, expiry or balance in either direction, a page at a time by keyset (as fast on page
 * 500 as on page 1), with the matching cards counted up to SEARCH_COUNT_CAP. `q` finds a card id
 * or its start, the last digits of a token, or a whole scanned token through its keyed hash —
 * the token is never stored, logged or compared in the clear. Dates are whole days in the
 * account's time zone; balances are minor units. HQ staff and admins (`cards:read`).
 */
export async function searchCards(actor: UserActor, spec: CardSearchSpec): Promise<CardSearchResult> {
  assertCan(actor, 'cards:read');
  const db = getDb();
  const account = await db.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { timeZone: true } });
  const where = cardSearchWhere(actor.accountId, account.timeZone, spec);
  const [page, counted] = await Promise.all([
    db.$queryRaw<PageRow[]>(cardSearchPageSql(actor.accountId, account.timeZone, spec)),
    db.$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT count(*) AS n FROM (SELECT 1 FROM cards c WHERE ${where} LIMIT ${SEARCH_COUNT_CAP + 1}) x`),
  ]);
  const hasMore = page.length > spec.size;
  const rows = hasMore ? page.slice(0, spec.size) : page;
  const last = rows.at(-1);
  const n = Number(counted[0]?.n ?? 0);
  return {
    rows: rows.map((c) => ({
      cardId: c.card_id,
      status: c.status,
      isBlocked: c.blocked_at !== null,
      maskedCode: c.masked_code,
      currency: c.currency,
      balance: Number(c.balance),
      customerId: c.customer_id,
      activatedAt: c.activated_at?.toISOString() ?? null,
      expiresAt: c.expires_at?.toISOString() ?? null,
      createdAt: c.created_at.toISOString(),
    })),
    count: Math.min(n, SEARCH_COUNT_CAP),
    isCountCapped: n > SEARCH_COUNT_CAP,
    nextCursor: hasMore && last ? encodeCursor({ s: spec.sort, d: spec.dir, v: sortValue(last, spec.sort), id: last.id }) : null,
  };
}
