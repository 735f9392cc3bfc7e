/**
 * Accounting months: export a month's journal, and close a month (HQ admin) — which freezes the
 * mapping and store names it was made with and records the file's SHA-256, so the closed month's
 * export is the same file ever after (checked on every re-export).
 */
import { z } from 'zod';
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { AppError, isUniqueViolation } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { accountMappingSchema, readMapping, type AccountMapping } from './accounting-settings';
import { buildJournal, type Journal } from './journal';
import { liabilityTotals } from './liability';
import { monthPeriod, type Period } from './schemas';

const frozenSchema = z.object({ accounts: accountMappingSchema, stores: z.record(z.string(), z.string()) });

export interface JournalExport extends Journal {
  month: string;
  period: Period;
  /** Set when the month is closed: who closed it and when. */
  closed: { closedAt: Date; closedBy: string } | null;
  /** Whether the month has ended (only then can it be closed). */
  isComplete: boolean;
  /** liability(end) − liability(start) per currency, from report 1, for the reconciliation line. */
  liabilityChange: { currency: string; opening: bigint; closing: bigint }[];
}

async function currentStoreNames(accountId: string): Promise<Record<string, string>> {
  const stores = await getDb().store.findMany({ where: { accountId }, select: { id: true, name: true } });
  return { '': 'No store (API)', ...Object.fromEntries(stores.map((s) => [s.id, s.name])) };
}

async function timeZoneOf(accountId: string): Promise<string> {
  return (await getDb().account.findUniqueOrThrow({ where: { id: accountId }, select: { timeZone: true } })).timeZone;
}

/** HQ (reports:view): the month's journal; a closed month with its frozen mapping, checked against its SHA-256. */
export async function exportJournal(actor: UserActor, month: string, now = new Date()): Promise<JournalExport> {
  assertCan(actor, 'reports:view');
  const timeZone = await timeZoneOf(actor.accountId);
  const full = monthPeriod(month, timeZone);
  const isComplete = full.end <= now;
  const period = isComplete ? full : { ...full, end: now < full.start ? full.start : now };
  const closedRow = await getDb().accountingPeriod.findUnique({ where: { accountId_month: { accountId: actor.accountId, month } } });
  let mapping: AccountMapping;
  let storeNames: Record<string, string>;
  if (closedRow) {
    const frozen = frozenSchema.parse(closedRow.mapping);
    mapping = frozen.accounts;
    storeNames = frozen.stores;
  } else {
    mapping = await readMapping(actor.accountId);
    storeNames = await currentStoreNames(actor.accountId);
  }
  const [journal, opening, closing] = await Promise.all([
    buildJournal({ accountId: actor.accountId, timeZone, period, mapping, storeNames }),
    liabilityTotals(actor.accountId, period.start),
    liabilityTotals(actor.accountId, period.end),
  ]);
  if (closedRow && closedRow.sha256 !== journal.sha256) {
    // Only a changed ledger (rows written with a past time, or edited) can get here.
    throw new AppError(
      'CONFLICT',
      `The journal of the closed month ${month} no longer matches the file it was closed with.`,
      {
        sha256_closed: closedRow.sha256,
        sha256_now: journal.sha256,
      },
      userMessage('closedMonthChanged', { month }),
    );
  }
  const currencies = [...new Set([...opening.keys(), ...closing.keys()])].sort();
  return {
    ...journal,
    month,
    period,
    isComplete,
    closed: closedRow ? { closedAt: closedRow.closedAt, closedBy: closedRow.closedBy } : null,
    liabilityChange: currencies.map((currency) => ({ currency, opening: opening.get(currency) ?? BigInt(0), closing: closing.get(currency) ?? BigInt(0) })),
  };
}

/** HQ admin (accounting:manage): closes a month that has ended; closing twice is a conflict. */
export async function closeAccountingPeriod(actor: UserActor, month: string, now = new Date()) {
  assertCan(actor, 'accounting:manage');
  const timeZone = await timeZoneOf(actor.accountId);
  const period = monthPeriod(month, timeZone);
  if (period.end > now)
    throw new AppError(
      'CONFLICT',
      `${month} has not ended yet; a month can be closed once it is over.`,
      { reason: 'not_ended' },
      userMessage('monthNotEnded', { month }),
    );
  const mapping = await readMapping(actor.accountId);
  const storeNames = await currentStoreNames(actor.accountId);
  const journal = await buildJournal({ accountId: actor.accountId, timeZone, period, mapping, storeNames });
  try {
    await getDb().$transaction(async (tx) => {
      await tx.accountingPeriod.create({
        data: {
          accountId: actor.accountId,
          month,
          mapping: { accounts: mapping, stores: storeNames },
          sha256: journal.sha256,
          closedBy: actorRef(actor),
          closedAt: now,
        },
      });
      await recordAuditEvent(
        {
          accountId: actor.accountId,
          actor: auditActor(actor),
          action: 'accounting.period_close',
          target: { type: 'accounting_period', id: month },
          data: { month, sha256: journal.sha256, lines: journal.lineCount },
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `${month} is already closed.`, { reason: 'closed' }, userMessage('monthAlreadyClosed', { month }));
    throw error;
  }
  return { month, sha256: journal.sha256, lineCount: journal.lineCount };
}

/** HQ (reports:view): the closed months, newest first. */
export async function listClosedPeriods(actor: UserActor) {
  assertCan(actor, 'reports:view');
  return getDb().accountingPeriod.findMany({
    where: { accountId: actor.accountId },
    orderBy: { month: 'desc' },
    select: { month: true, sha256: true, closedAt: true, closedBy: true },
  });
}
