/**
 * Selling a card at the counter: the clerk's typed amount and options become the Wallet API's
 * activation input (validated by the API's own schema), and the card core's activateCard does
 * the activation — the same exactly-once rule as the API.
 */
import { userMessage } from '@/lib/i18n/user-message';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import type { StorePolicy } from '@/lib/accounts/store-policy';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { activateCard } from '@/lib/cards/activate-card';
import { activateCardSchema, type ActivateCardInput } from '@/lib/cards/schemas';
import { getDb } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import { isRequestInProgress, withIdempotencyKey } from '@/lib/idempotency/with-idempotency-key';
import { isCurrency } from '@/lib/money/currencies';
import { addDays, calendarDateOf, parseIsoDate, startOfDay, type CalendarDate } from '@/lib/time/zoned';
import { getCounterStore, type CounterStore } from './get-counter-store';
import { sellabilityProblem } from './resolve-card';
import { checkSaleAmount } from './sale-amount';
import type { ActivateAtStoreInput } from './schemas';
import type { ActivationReceipt } from './views';

/** The API schema's field → the counter form's field, so its errors land next to the right input. */
const FORM_FIELD: Record<string, string> = {
  amount: 'amount',
  currency: 'amount',
  customer_id: 'customerId',
  name: 'name',
  metadata: 'receiptNumber',
  expires_at: 'expiry',
};

/** A card is valid through its expiry date: it expires when the next local day starts. */
function expiresAtEndOf(date: CalendarDate, timeZone: string): Date {
  return startOfDay(addDays(date, 1), timeZone);
}

/** The default expiry date the counter proposes (account policy), or null for "never". */
export function defaultExpiryDate(policy: StorePolicy, now = new Date()): CalendarDate | null {
  return policy.expiryDays === null ? null : addDays(calendarDateOf(now, policy.timeZone), policy.expiryDays);
}

/** Parses and checks the clerk's input against the account policy and the API schema; every field's error at once. */
export function toActivateCardInput(input: ActivateAtStoreInput, store: CounterStore, policy: StorePolicy, now = new Date()): ActivateCardInput {
  const fieldErrors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  const currency = store.currency;
  if (!isCurrency(currency))
    throw new AppError('CONFLICT', `The store sells in ${currency}, which cards do not support.`, undefined, userMessage('unsupportedCurrency', { currency }));

  let amount = 0;
  const sale = checkSaleAmount(input.amount, currency, policy);
  if (!sale.ok) add('amount', sale.error);
  else amount = sale.minor;

  let expiresAt: Date | null = null;
  if (input.expiry === '') {
    const date = defaultExpiryDate(policy, now);
    expiresAt = date && expiresAtEndOf(date, policy.timeZone);
  } else if (input.expiry !== 'never') {
    const date = parseIsoDate(input.expiry);
    if (!date) add('expiry', 'Enter a date like 2029-12-31, or choose “never expires”');
    else if (expiresAtEndOf(date, policy.timeZone) <= now) add('expiry', 'The expiry date must not be in the past');
    else expiresAt = expiresAtEndOf(date, policy.timeZone);
  }

  const checked = activateCardSchema.safeParse({
    amount,
    currency,
    ...(input.customerId ? { customer_id: input.customerId } : {}),
    ...(input.name ? { name: input.name } : {}),
    ...(input.receiptNumber ? { metadata: { receipt_number: input.receiptNumber } } : {}),
    ...(expiresAt ? { expires_at: expiresAt.toISOString() } : {}),
  });
  if (!checked.success) {
    for (const issue of checked.error.issues) add(FORM_FIELD[String(issue.path[0])] ?? '_form', issue.message);
  }
  if (Object.keys(fieldErrors).length > 0 || !checked.success) {
    throw new AppError('UNPROCESSABLE', 'Please correct the highlighted fields.', { fieldErrors }, userMessage('invalidFields'));
  }
  return checked.data;
}

async function activateOnce(
  actor: UserActor,
  cardId: string,
  input: ActivateCardInput,
  store: CounterStore,
  options: { timeZone: string; neverExpires: boolean },
): Promise<ActivationReceipt> {
  const { timeZone } = options;
  const db = getDb();
  const loadCard = () =>
    db.card.findUnique({
      where: { accountId_cardId: { accountId: actor.accountId, cardId } },
      include: { batch: true, activatedStore: { select: { name: true } } },
    });
  const card = await loadCard();
  if (!card) throw new AppError('NOT_FOUND', 'Unknown card: scan it again.', undefined, userMessage('unknownCardRescan'));
  const problem = sellabilityProblem(card, timeZone);
  if (problem) throw problem;
  let view: Awaited<ReturnType<typeof activateCard>>;
  try {
    view = await activateCard(actor, cardId, input, { storeId: store.id, neverExpires: options.neverExpires });
  } catch (error) {
    // Another counter or a till may have activated it meanwhile: say so in a clerk's words.
    if (isAppError(error) && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
      const now = await loadCard();
      const raced = now && sellabilityProblem(now, timeZone);
      if (raced) throw raced;
    }
    throw error;
  }
  return {
    cardId: view.card_id,
    maskedCode: view.tokens[0]?.masked_code ?? null,
    type: view.type,
    amount: Number(view.amount),
    currency: input.currency,
    expiresAt: view.expires_at ?? null,
    activatedAt: view.active_from ?? new Date().toISOString(),
    storeName: store.name,
    clerk: actor.name || actor.email,
    receiptNumber: input.metadata?.receipt_number ? String(input.metadata.receipt_number) : null,
    customerId: view.customer_id ?? null,
    name: view.name ?? null,
    timeZone,
    locale: store.receiptLocale,
  };
}

/**
 * While the first of two identical submits is still running, the second waits and then answers
 * with the first one's result (a replay), or runs itself if the first failed and released the key.
 */
async function waitingForInFlight<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRequestInProgress(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/**
 * Activates a card sold at the counter, for the actor's store (clerks) or a chosen store (HQ):
 * the amount is parsed in the store's currency and held to the account's min/max, the expiry
 * defaults to the account policy, the till's receipt number goes into metadata. Exactly once per
 * `requestKey`: a repeated submit — even one arriving while the first still runs — returns the
 * first receipt instead of a second activation or a false "already activated".
 */
export async function activateAtStore(actor: UserActor, input: ActivateAtStoreInput): Promise<ActivationReceipt> {
  assertCan(actor, 'cards:activate');
  const store = await getCounterStore(actor, input.storeId);
  const policy = await getStorePolicy(actor, { currency: store.currency });
  const apiInput = toActivateCardInput(input, store, policy);
  const key = { accountId: actor.accountId, actor: actorRef(actor), key: `store-activation:${input.requestKey}` };
  const result = await waitingForInFlight(() =>
    withIdempotencyKey({ ...key, operation: `store.activate:${input.cardId}`, request: { ...input, storeId: store.id } }, async () => ({
      status: 200,
      body: await activateOnce(actor, input.cardId, apiInput, store, { timeZone: policy.timeZone, neverExpires: input.expiry === 'never' }),
    })),
  );
  return result.body as ActivationReceipt;
}
