'use client';
import { useEffect, useRef, useState, useTransition } from 'react';
import { NextIntlClientProvider, useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { useEarlyInput, useHydrated } from '@/components/hooks/use-early-input';
import type { FieldErrors } from '@/lib/edge/result';
import { formatAmountInput, formatMoney } from '@/lib/money/format';
import { checkSaleAmount } from '@/lib/counter/sale-amount';
import { parseMajorAmount } from '@/lib/money/parse';
import type { Currency } from '@/lib/money/currencies';
import type { ActivationReceipt, CounterCard } from '@/lib/counter/views';
import { formatCalendarDate } from '@/lib/time/format';
import { INTL_LOCALES, type Locale } from '@/lib/i18n/locales';
import { missingMessage } from '@/lib/i18n/missing';
import type { ReceiptMessages } from '@/lib/i18n/receipt-messages';
import { formatMessageParams } from '@/lib/i18n/user-message';
import { activateAtStoreAction, findCardForSaleAction } from '../actions';
import { CardPanel } from './card-panel';
import { ReceiptView } from './receipt-view';
import { BIG_INPUT, ScanForm } from './scan-form';
import { SaleFields, type SaleOptions } from './sale-fields';

export interface CounterSetup {
  /** Empty for clerks (the server uses their own store). */
  storeId: string;
  currency: Currency;
  denominations: number[];
  minAmount: number | null;
  maxAmount: number | null;
  /** YYYY-MM-DD from the account policy, or null for "never". */
  defaultExpiry: string | null;
  /** Both languages' receipt texts: the receipt prints in the store's language (receipt.locale). */
  receiptMessages: Record<Locale, ReceiptMessages>;
}

type Step = 'scan' | 'details' | 'confirm' | 'receipt';

/** crypto.randomUUID needs a secure context; tills on a LAN over plain http still get a v4 UUID. */
function newRequestKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The expiry date the confirmation states; an emptied date means the account's default, as on the server. */
function expiryDate(options: SaleOptions, defaultExpiry: string | null): string | null {
  return options.neverExpires ? null : options.expiry || defaultExpiry;
}

/**
 * The counter's activation flow: scan → amount and options → confirm → receipt. Every step
 * works from the keyboard (a scanner types the code and Enter; Escape goes back), puts focus
 * where the next keystroke belongs, and announces errors (role="alert").
 */
export function ActivationFlow({ setup }: { setup: CounterSetup }) {
  const blankOptions: SaleOptions = {
    customerId: '',
    name: '',
    expiry: setup.defaultExpiry ?? '',
    neverExpires: setup.defaultExpiry === null,
    receiptNumber: '',
  };
  const [step, setStep] = useState<Step>('scan');
  // The last code looked up: shown again when the scan step comes back (the field is uncontrolled,
  // see below).
  const [code, setCode] = useState('');
  const [card, setCard] = useState<CounterCard | null>(null);
  const [amount, setAmount] = useState('');
  const [options, setOptions] = useState<SaleOptions>(blankOptions);
  const [requestKey, setRequestKey] = useState('');
  const [receipt, setReceipt] = useState<ActivationReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors | undefined>();
  const [isPending, startTransition] = useTransition();
  const inFlight = useRef(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const [focusTick, setFocusTick] = useState(0);
  const hydrated = useHydrated();
  const t = useTranslations('store.activate');
  const tScan = useTranslations('store.scan');
  const locale = useLocale() as Locale;
  const intlLocale = INTL_LOCALES[locale];
  const tErrors = useTranslations('errors');

  // Focus follows the flow, so the next keystroke (or scan) lands in the right place. Coming back
  // to the scan field selects its text, so the next scan replaces it — but not on first load,
  // where a scan may be arriving right now.
  const isFirstFocus = useRef(true);
  useEffect(() => {
    if (step === 'scan') {
      codeRef.current?.focus();
      if (!isFirstFocus.current) codeRef.current?.select();
    }
    isFirstFocus.current = false;
    if (step === 'details') amountRef.current?.focus();
    if (step === 'confirm') confirmRef.current?.focus();
    if (step === 'receipt') nextRef.current?.focus();
  }, [step, focusTick]);

  const minor = parseMajorAmount(amount, setup.currency);
  const money = (m: number) => formatMoney(m, setup.currency, intlLocale);

  function fail(message: string, errors?: FieldErrors) {
    setError(message);
    setFieldErrors(errors);
    setFocusTick((t) => t + 1);
  }

  function findCard(value: string) {
    if (inFlight.current) return;
    inFlight.current = true;
    startTransition(async () => {
      const result = await findCardForSaleAction({ code: value, storeId: setup.storeId });
      inFlight.current = false;
      if (!result.ok) {
        // Not found: keep what was typed, so a typo can be corrected.
        setCode(value);
        setCard(null);
        return fail(result.message);
      }
      // Found: the card shows masked, so the field must not keep the full code (a token alone pays).
      setCode('');
      if (codeRef.current) codeRef.current.value = '';
      setCard(result.data.card);
      if (result.data.problem) return fail(result.data.problem.message);
      setError(null);
      setFieldErrors(undefined);
      setStep('details');
    });
  }

  // A scan typed before hydration: take it over and look it up.
  useEarlyInput(codeRef, { onScan: findCard });

  function toConfirm(raw: string) {
    const sale = checkSaleAmount(raw, setup.currency, setup);
    if (!sale.ok) return fail(t('correctAmount'), { amount: [sale.userMessage ? tErrors(sale.userMessage.key, formatMessageParams(sale.userMessage.params, locale)) : sale.error] });
    setError(null);
    setFieldErrors(undefined);
    setRequestKey(newRequestKey());
    setStep('confirm');
  }

  function activate(event: React.FormEvent) {
    event.preventDefault();
    // A second Enter or click before the first finishes sends nothing; a resubmit of the same
    // confirmation (same requestKey) would get the first receipt back from the server anyway.
    if (inFlight.current || !card) return;
    inFlight.current = true;
    startTransition(async () => {
      const result = await activateAtStoreAction({
        storeId: setup.storeId,
        cardId: card.cardId,
        amount,
        customerId: options.customerId,
        name: options.name,
        expiry: options.neverExpires ? 'never' : options.expiry,
        receiptNumber: options.receiptNumber,
        requestKey,
      });
      inFlight.current = false;
      if (result.ok) {
        setReceipt(result.data);
        setError(null);
        setStep('receipt');
      } else if (result.fieldErrors) {
        setStep('details');
        fail(result.message, result.fieldErrors);
      } else if (result.reason === 'already_activated') {
        setStep('scan');
        fail(result.message);
      } else {
        fail(result.message);
      }
    });
  }

  function restart() {
    setStep('scan');
    setCode('');
    setCard(null);
    setAmount('');
    setOptions(blankOptions);
    setReceipt(null);
    setError(null);
    setFieldErrors(undefined);
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key !== 'Escape' || isPending) return;
    if (step === 'confirm') setStep('details');
    else if (step === 'details') restart();
  }

  return (
    <div className="grid max-w-3xl gap-5" onKeyDown={onKeyDown}>
      {error ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-base font-medium text-red-800 print:hidden">
          {error}
        </div>
      ) : null}

      {step === 'scan' ? (
        <ScanForm
          codeRef={codeRef}
          onScan={findCard}
          submitLabel={t('find')}
          isBusy={isPending}
          isHydrated={hydrated}
          defaultValue={code}
          hint={tScan('hint')}
          className="print:hidden"
        />
      ) : null}

      {card && step !== 'receipt' ? <CardPanel card={card} /> : null}

      {step === 'details' && card ? (
        <form onSubmit={(e) => (e.preventDefault(), toConfirm(amount))} className="grid gap-5" noValidate>
          <div className="grid gap-2">
            <label htmlFor="amount" className="text-base font-semibold">
              {t('amount', { currency: setup.currency })}
            </label>
            <input
              ref={amountRef}
              id="amount"
              className={`${BIG_INPUT} max-w-xs`}
              inputMode="decimal"
              autoComplete="off"
              placeholder="500"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={Boolean(fieldErrors?.amount)}
              aria-describedby={fieldErrors?.amount ? 'amount-error' : 'amount-hint'}
            />
            {fieldErrors?.amount ? (
              <p id="amount-error" className="text-sm text-red-700">
                {fieldErrors.amount.join(' ')}
              </p>
            ) : (
              <p id="amount-hint" className="text-sm text-slate-600">
                {setup.minAmount !== null ? t('from', { amount: money(setup.minAmount) }) : null}
                {setup.minAmount !== null && setup.maxAmount !== null ? ' ' : null}
                {setup.maxAmount !== null ? t('upTo', { amount: money(setup.maxAmount) }) : null}
              </p>
            )}
            {setup.denominations.length > 0 ? (
              <div role="group" aria-label={t('quickAmounts')} className="flex flex-wrap gap-3">
                {setup.denominations.map((d) => (
                  <Button
                    key={d}
                    type="button"
                    size="lg"
                    variant="secondary"
                    onClick={() => {
                      setAmount(formatAmountInput(d, setup.currency));
                      toConfirm(formatAmountInput(d, setup.currency));
                    }}
                  >
                    {money(d)}
                  </Button>
                ))}
              </div>
            ) : null}
          </div>
          <SaleFields options={options} onChange={setOptions} errors={fieldErrors} />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" size="lg">
              {t('continue')}
            </Button>
            <Button type="button" size="lg" variant="secondary" onClick={restart}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}

      {step === 'confirm' && card && minor.ok ? (
        <form onSubmit={activate} className="grid gap-4 rounded-lg border-2 border-brand-600 bg-white p-5" aria-labelledby="confirm-title">
          <input type="hidden" name="requestKey" value={requestKey} />
          <h2 id="confirm-title" className="text-lg font-semibold">
            {t('confirmTitle', { cardId: card.cardId })}
          </h2>
          <p className="text-4xl font-bold tabular-nums" data-testid="confirm-amount">
            {money(minor.minor)}
          </p>
          <p className="text-sm text-slate-700">
            {(() => {
              const date = expiryDate(options, setup.defaultExpiry);
              return date ? t('validThrough', { date: formatCalendarDate(date, intlLocale) }) : t('neverExpires');
            })()}
            {options.receiptNumber ? ' · ' : null}
            {options.receiptNumber ? t('salesReceipt', { number: options.receiptNumber }) : null}
          </p>
          <div className="flex flex-wrap gap-3">
            <Button ref={confirmRef} type="submit" size="lg" disabled={isPending} aria-disabled={isPending}>
              {isPending ? t('activating') : t('activateAmount', { amount: money(minor.minor) })}
            </Button>
            <Button type="button" size="lg" variant="secondary" disabled={isPending} onClick={() => setStep('details')}>
              {t('back')}
            </Button>
          </div>
        </form>
      ) : null}

      {step === 'receipt' && receipt ? (
        <>
          <p role="status" className="text-base font-semibold text-green-800 print:hidden">
            {t('done')}
          </p>
          {/* The store's language, not the clerk's (a receipt from before the setting existed: the clerk's). */}
          <NextIntlClientProvider locale={receipt.locale ?? locale} messages={setup.receiptMessages[receipt.locale ?? locale]} getMessageFallback={missingMessage}>
            <ReceiptView receipt={receipt} />
          </NextIntlClientProvider>
          <div className="flex flex-wrap gap-3 print:hidden">
            <Button ref={nextRef} type="button" size="lg" onClick={restart}>
              {t('nextCard')}
            </Button>
            <Button type="button" size="lg" variant="secondary" onClick={() => window.print()}>
              {t('print')}
            </Button>
          </div>
        </>
      ) : null}
    </div>
  );
}
