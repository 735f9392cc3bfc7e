'use server';
/**
 * The HQ card page's controls (issue 12): each a form → its one domain operation in lib/cards,
 * authorized again there. Amounts are typed in major units ("250" or "249,50") and become minor
 * units here, by the card's currency; every form carries a request_key made when it was shown, so a
 * double submit answers the first result and moves money once.
 */
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { requestOrAdjustCard } from '@/lib/cards/adjust-card';
import { changeCardExpiry } from '@/lib/cards/change-card-expiry';
import { bulkExpirySchema, changeExpiryInBulk } from '@/lib/cards/change-expiry-bulk';
import { adjustCardSchema, changeExpirySchema, deactivateCardSchema, refundCardSchema, replaceCardSchema } from '@/lib/cards/control-schemas';
import { deactivateCard } from '@/lib/cards/deactivate-card';
import { requestOrRefundCard } from '@/lib/cards/refund-card';
import { replaceCard } from '@/lib/cards/replace-card';
import { rotatePinFromHq, rotatePinHqSchema } from '@/lib/cards/rotate-pin-hq';
import { cardIdSchema, currencySchema } from '@/lib/cards/schemas';
import { formAction } from '@/lib/edge/form-action';
import { INVALID_FIELDS_MESSAGE } from '@/lib/edge/result';
import { parseForm } from '@/lib/edge/translate';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { parseMajorAmount } from '@/lib/money/parse';

/** The domain's own schema on what the form gave; its issues come back as the form's field errors, in the user's language. */
async function domainInput<S extends z.ZodType>(schema: S, value: unknown, rename: Record<string, string> = {}): Promise<z.output<S>> {
  const parsed = await parseForm(schema, value);
  if (parsed.success) return parsed.data;
  const errors = parsed.fieldErrors;
  for (const [from, to] of Object.entries(rename)) if (errors[from]) errors[to] = errors[from];
  throw new AppError('UNPROCESSABLE', INVALID_FIELDS_MESSAGE, { fieldErrors: errors }, userMessage('invalidFields'));
}

const cardPath = (cardId: string) => `/hq/cards/${encodeURIComponent(cardId)}`;

/** "250" / "249,50" in the card's currency → minor units (a field error otherwise). */
function toMinor<V extends { amount: string; currency: z.infer<typeof currencySchema> }>(v: V, ctx: z.RefinementCtx) {
  const parsed = parseMajorAmount(v.amount, v.currency);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.error });
    return z.NEVER;
  }
  return { ...v, minor: parsed.minor };
}
const moneyFields = { cardId: cardIdSchema, currency: currencySchema, amount: z.string(), reason: z.string(), note: z.string(), request_key: z.string() };

const adjustForm = z
  .object({ ...moneyFields, direction: z.enum(['credit', 'debit'], { message: validationText('chooseAddOrTakeOff') }) })
  .strip()
  .transform(toMinor);

export const adjustCardAction = formAction('adjustCard', 'cards:adjust', adjustForm, async (actor, v) => {
  const input = await domainInput(adjustCardSchema, {
    amount: v.direction === 'credit' ? v.minor : -v.minor,
    currency: v.currency,
    reason: v.reason,
    note: v.note,
    request_key: v.request_key,
  });
  const outcome = await requestOrAdjustCard(actor, v.cardId, input);
  revalidatePath(cardPath(v.cardId));
  return (await getTranslations('hqCard.done'))(outcome.status === 'pending' ? 'pendingApproval' : 'adjust');
});

const refundForm = z
  .object({ ...moneyFields, transaction_id: z.string() })
  .strip()
  .transform(toMinor);

export const refundCardAction = formAction('refundCard', 'cards:refund', refundForm, async (actor, v) => {
  const input = await domainInput(refundCardSchema, {
    transaction_id: v.transaction_id,
    amount: v.minor,
    reason: v.reason,
    note: v.note,
    request_key: v.request_key,
  });
  const outcome = await requestOrRefundCard(actor, v.cardId, input);
  revalidatePath(cardPath(v.cardId));
  return (await getTranslations('hqCard.done'))(outcome.status === 'pending' ? 'pendingApproval' : 'refund');
});

const withCard = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) => schema.extend({ cardId: cardIdSchema }).strip();

export const replaceCardAction = formAction('replaceCard', 'cards:replace', withCard(replaceCardSchema), async (actor, { cardId, ...input }) => {
  const result = await replaceCard(actor, cardId, input);
  revalidatePath(cardPath(cardId));
  revalidatePath(cardPath(input.new_card_id));
  return (await getTranslations('hqCard.done'))('replace', { newCard: result.to.card_id });
});

/** The form's date input is a calendar day: the card expires at the end of it, UTC. */
const expiryForm = z
  .object({ cardId: cardIdSchema, expires_on: z.iso.date(validationText('chooseDate')), reason: z.string(), note: z.string(), request_key: z.string() })
  .strip();
const endOfDay = (day: string) => `${day}T23:59:59.000Z`;

export const changeExpiryAction = formAction('changeExpiry', 'cards:expiry', expiryForm, async (actor, v) => {
  const input = await domainInput(
    changeExpirySchema,
    { expires_at: endOfDay(v.expires_on), reason: v.reason, note: v.note, request_key: v.request_key },
    { expires_at: 'expires_on' },
  );
  await changeCardExpiry(actor, v.cardId, input);
  revalidatePath(cardPath(v.cardId));
  return (await getTranslations('hqCard.done'))('expiry');
});

export const deactivateCardAction = formAction('deactivateCard', 'cards:deactivate', withCard(deactivateCardSchema), async (actor, { cardId, ...input }) => {
  await deactivateCard(actor, cardId, input);
  revalidatePath(cardPath(cardId));
  return (await getTranslations('hqCard.done'))('deactivate');
});

/** The new PIN is in this answer only (shown once); a repeat of the same form answers without it. */
export const rotatePinAction = formAction('rotatePin', 'pins:rotate', withCard(rotatePinHqSchema), async (actor, { cardId, ...input }) => {
  const { pin } = await rotatePinFromHq(actor, cardId, input);
  revalidatePath(cardPath(cardId));
  return { pin };
});

const bulkForm = z
  .object({
    scope: z.enum(['batch', 'list']),
    batch_id: z.string().optional(),
    card_ids: z.string().optional(),
    expires_on: z.iso.date(validationText('chooseDate')),
    reason: z.string(),
    note: z.string(),
    request_key: z.string(),
  })
  .strip();

/** Queues the bulk change (a background job); the page then polls its progress. */
export const bulkExpiryAction = formAction('bulkExpiry', 'cards:expiryBulk', bulkForm, async (actor, v) => {
  const input = await domainInput(bulkExpirySchema, {
    ...(v.scope === 'batch' ? { batch_id: v.batch_id } : { card_ids: v.card_ids ?? '' }),
    expires_at: endOfDay(v.expires_on),
    reason: v.reason,
    note: v.note,
    request_key: v.request_key,
  });
  return changeExpiryInBulk(actor, input);
});
