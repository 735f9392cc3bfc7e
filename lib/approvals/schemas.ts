import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { CURRENCY_CODES } from '@/lib/money/currencies';
import { MAX_AMOUNT_MINOR } from '@/lib/money/limits';
import { parseMajorAmount } from '@/lib/money/parse';
import { MAX_PRINT_RELEASE_CARDS_SETTING } from './dual-control-settings';

/** Why a request is made, or why it is approved or rejected: shown to the other admin and kept in the audit log. */
export const reasonSchema = z
  .string()
  .trim()
  .min(3, validationText('giveReason'))
  .max(500, validationText('atMostCharsSentence', { max: '500' }));

export const decideApprovalSchema = z.object({
  requestId: z.string().max(64),
  note: reasonSchema,
});
export type DecideApprovalInput = z.infer<typeof decideApprovalSchema>;

export const requestPrintReleaseSchema = z.object({
  batchId: z.string().max(64),
  reason: reasonSchema,
});
export type RequestPrintReleaseInput = z.infer<typeof requestPrintReleaseSchema>;

/**
 * The HQ settings form's dual-control card: the card threshold, the amount threshold in the
 * account's currency (major units; empty removes the rule for that currency), the bulk-expiry
 * checkbox, and a reason (required only when the change loosens the control and so needs approval).
 */
export const updateDualControlFormSchema = z
  .object({
    printReleaseMaxCards: z
      .string()
      .trim()
      .regex(/^\d{1,8}$/, validationText('wholeNumberOfCards'))
      .transform(Number)
      .refine((n) => n <= MAX_PRINT_RELEASE_CARDS_SETTING, validationText('atMostCards', { max: String(MAX_PRINT_RELEASE_CARDS_SETTING) })),
    currency: z.enum(CURRENCY_CODES),
    amountThreshold: z.string().trim().max(40).default(''),
    bulkExpiryNeedsApproval: z
      .string()
      .optional()
      .transform((v) => v === 'on'),
    reason: z
      .string()
      .trim()
      .max(500, validationText('atMostCharsSentence', { max: '500' }))
      .default(''),
  })
  .transform((v, ctx) => {
    let amount: number | null = null;
    if (v.amountThreshold !== '') {
      const parsed = parseMajorAmount(v.amountThreshold, v.currency, { maxMinor: MAX_AMOUNT_MINOR });
      if (parsed.ok) amount = parsed.minor;
      else ctx.addIssue({ code: 'custom', path: ['amountThreshold'], message: parsed.error });
    }
    return {
      printReleaseMaxCards: v.printReleaseMaxCards,
      amountThresholds: { [v.currency]: amount },
      bulkExpiryNeedsApproval: v.bulkExpiryNeedsApproval,
      reason: v.reason,
    };
  });
export type UpdateDualControlInput = z.output<typeof updateDualControlFormSchema>;
