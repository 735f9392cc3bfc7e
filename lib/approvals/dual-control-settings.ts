/**
 * The account's dual-control thresholds: the owner of the `dual_control_settings` row and its
 * JSON column (amount thresholds per currency). No row means the defaults. Pure rules
 * (needs…Approval, isStricter) live here so the HQ form, the domain and the tests share them.
 */
import { z } from 'zod';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { MAX_AMOUNT_MINOR } from '@/lib/money/limits';
import { CURRENCY_CODES, type Currency } from '@/lib/money/currencies';

export const DEFAULT_PRINT_RELEASE_MAX_CARDS = 1_000;
/** 10,000.00 NOK. Currencies without an entry have no amount rule. */
export const DEFAULT_AMOUNT_THRESHOLDS: Partial<Record<Currency, number>> = { NOK: 1_000_000 };
export const MAX_PRINT_RELEASE_CARDS_SETTING = 10_000_000;

export const amountThresholdsSchema = z.partialRecord(z.enum(CURRENCY_CODES), z.number().int().min(0).max(MAX_AMOUNT_MINOR));

export const dualControlSettingsSchema = z
  .object({
    /** A print run of MORE cards than this needs a second admin before its print file is released. */
    printReleaseMaxCards: z.number().int().min(0).max(MAX_PRINT_RELEASE_CARDS_SETTING),
    /** Manual adjustments and refunds ABOVE these amounts (minor units per currency) need a second admin. */
    amountThresholds: amountThresholdsSchema,
    /** Bulk expiry changes need a second admin. */
    bulkExpiryNeedsApproval: z.boolean(),
  })
  .strict();
export type DualControlSettings = z.infer<typeof dualControlSettingsSchema>;

export const DEFAULT_DUAL_CONTROL_SETTINGS: DualControlSettings = {
  printReleaseMaxCards: DEFAULT_PRINT_RELEASE_MAX_CARDS,
  amountThresholds: DEFAULT_AMOUNT_THRESHOLDS,
  bulkExpiryNeedsApproval: true,
};

export async function getDualControlSettings(accountId: string, db: DbTx = getDb()): Promise<DualControlSettings> {
  const row = await db.dualControlSettings.findUnique({ where: { accountId } });
  if (!row) return DEFAULT_DUAL_CONTROL_SETTINGS;
  return {
    printReleaseMaxCards: row.printReleaseMaxCards,
    // Written only through dualControlSettingsSchema; parsed again rather than cast.
    amountThresholds: amountThresholdsSchema.parse(row.amountThresholds),
    bulkExpiryNeedsApproval: row.bulkExpiryNeedsApproval,
  };
}

export function needsPrintReleaseApproval(settings: DualControlSettings, quantity: number): boolean {
  return quantity > settings.printReleaseMaxCards;
}

/** For adjustments and refunds (lib/approvals/README.md): above the currency's threshold; none set = no rule. */
export function needsAmountApproval(settings: DualControlSettings, currency: string, amountMinor: number | bigint): boolean {
  const threshold = settings.amountThresholds[currency as Currency];
  return threshold !== undefined && BigInt(amountMinor) > BigInt(threshold);
}

/**
 * Whether `after` asks for a second admin at least wherever `before` did: a lower or equal card
 * threshold, every currency rule kept at a lower or equal amount (a new currency rule is stricter),
 * bulk expiry still guarded if it was. Such a change takes effect at once; any other change to the
 * dual-control settings is itself a four-eyes step, so one admin cannot switch the control off.
 */
export function isStricter(before: DualControlSettings, after: DualControlSettings): boolean {
  if (after.printReleaseMaxCards > before.printReleaseMaxCards) return false;
  for (const [currency, amount] of Object.entries(before.amountThresholds) as [Currency, number][]) {
    const next = after.amountThresholds[currency];
    if (next === undefined || next > amount) return false;
  }
  return !before.bulkExpiryNeedsApproval || after.bulkExpiryNeedsApproval;
}

/**
 * For the direct paths of adjustments and refunds (the API): an amount that needs a second admin
 * is refused, never done, so no path skips four-eyes. HQ asks for approval instead (requestOrRun).
 */
export async function assertNoAmountApprovalNeeded(tx: DbTx, accountId: string, currency: string, amountMinor: number | bigint): Promise<void> {
  if (needsAmountApproval(await getDualControlSettings(accountId, tx), currency, amountMinor)) {
    throw new AppError(
      'FORBIDDEN',
      'This amount needs a second admin’s approval (dual control): an HQ admin can request it on the card’s page.',
      {
        reason: 'dual_control_required',
      },
      userMessage('dualControlRequired'),
    );
  }
}
