'use client';
import { useEffect, useRef, useState, useTransition } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { useEarlyInput, useHydrated } from '@/components/hooks/use-early-input';
import { formatMoney } from '@/lib/money/format';
import type { BalanceLookup as Lookup } from '@/lib/counter/lookup-balance';
import { INTL_LOCALES, type Locale } from '@/lib/i18n/locales';
import { formatDateTime, formatValidThrough } from '@/lib/time/format';
import { lookupBalanceAction } from '../../actions';
import { BIG_INPUT, ScanForm } from '../../_components/scan-form';

type Found = Extract<Lookup, { kind: 'found' }>;

/** Scan or type a card; the PIN is asked for when the card was identified by its printed id. */
export function BalanceLookup() {
  const [pin, setPin] = useState('');
  const [needsPin, setNeedsPin] = useState(false);
  const [result, setResult] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const [tick, setTick] = useState(0);
  const codeRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);
  const hydrated = useHydrated();
  const t = useTranslations('store.balance');

  // Selecting the code lets the next scan replace it — but not on first load, where a scan may be
  // arriving right now.
  const isFirstFocus = useRef(true);
  useEffect(() => {
    if (needsPin) pinRef.current?.focus();
    else {
      codeRef.current?.focus();
      if (!isFirstFocus.current) codeRef.current?.select();
    }
    isFirstFocus.current = false;
  }, [needsPin, tick]);

  function lookUp(value: string) {
    if (isPending) return;
    startTransition(async () => {
      const response = await lookupBalanceAction({ code: value, pin: needsPin ? pin : '' });
      setPin('');
      setTick((t) => t + 1);
      if (!response.ok) {
        setError(response.message);
        setResult(null);
        return;
      }
      setError(null);
      if (response.data.kind === 'pin_required') {
        setNeedsPin(true);
        setResult(null);
      } else {
        // The result shows the card masked; the field must not keep the full code (a token alone pays).
        if (codeRef.current) codeRef.current.value = '';
        setNeedsPin(false);
        setResult(response.data);
      }
    });
  }

  // A scan typed before hydration: take it over and look it up.
  useEarlyInput(codeRef, { onScan: lookUp });

  return (
    <div className="grid max-w-3xl gap-5">
      {error ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-base font-medium text-red-800">
          {error}
        </div>
      ) : null}
      <ScanForm
        codeRef={codeRef}
        onScan={lookUp}
        submitLabel={t('show')}
        isBusy={isPending}
        isHydrated={hydrated}
        onCodeChange={() => setNeedsPin(false)}
        // Always given (empty until a PIN is needed), so the button stays below and does not move.
        extraFields={
          <>
            {needsPin ? (
              <>
                <label htmlFor="pin" className="text-base font-semibold">
                  {t('pin')}
                </label>
                <input
                  ref={pinRef}
                  id="pin"
                  type="password"
                  inputMode="numeric"
                  autoComplete="off"
                  className={`${BIG_INPUT} max-w-xs`}
                  value={pin}
                  onChange={(e) => setPin(e.target.value)}
                />
              </>
            ) : null}
          </>
        }
      />
      {result ? <BalanceResult result={result} /> : null}
    </div>
  );
}

function BalanceResult({ result }: { result: Found }) {
  const t = useTranslations('store.balance');
  const tCard = useTranslations('store.card');
  const locale = INTL_LOCALES[useLocale() as Locale];
  const money = (m: number) => (result.currency ? formatMoney(m, result.currency, locale) : '—');
  return (
    <section aria-labelledby="balance-title" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5" data-testid="balance-result">
      <h2 id="balance-title" className="text-lg font-semibold">
        {t('cardTitle', { cardId: result.cardId })}{' '}
        {result.maskedCode ? <span className="text-sm font-normal text-slate-500">({result.maskedCode})</span> : null}
      </h2>
      <p role="status" className="text-sm">
        {t('status')} <strong>{tCard(`statuses.${result.isExpired ? 'expired' : result.status}`)}</strong>
        {result.currency ? ` · ${result.currency}` : ''}
      </p>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-500">{t('balance')}</dt>
          <dd className="text-3xl font-bold tabular-nums" data-testid="balance">
            {money(result.balance)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-500">{t('available')}</dt>
          <dd className="text-3xl font-bold tabular-nums" data-testid="available">
            {money(result.available)}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-slate-500">{t('validThrough')}</dt>
          <dd className="text-lg font-semibold">{result.expiresAt ? formatValidThrough(result.expiresAt, result.timeZone, locale) : t('noExpiry')}</dd>
        </div>
      </dl>
      {result.transactions.length > 0 ? (
        <table className="w-full text-left text-sm [&_td]:px-3 [&_th]:px-3 [&_th]:py-1">
          <caption className="mb-1 text-left font-semibold">{t('lastTransactions')}</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col">{t('date')}</th>
              <th scope="col" className="text-right">
                {t('amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.transactions.map((tx, i) => (
              <tr key={i} className="border-t border-slate-100">
                <td className="py-1">{formatDateTime(tx.at, result.timeZone, locale)}</td>
                <td className="py-1 text-right tabular-nums">
                  {tx.sign < 0 ? '−' : '+'}
                  {money(tx.amount)} <span className="text-xs text-slate-500">{tx.label}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-sm text-slate-600">{t('noTransactions')}</p>
      )}
    </section>
  );
}
