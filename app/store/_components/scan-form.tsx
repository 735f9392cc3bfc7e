'use client';
import type { ReactNode, RefObject } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

/** The counter's large text input (card codes, amounts, PINs). */
export const BIG_INPUT = 'min-h-14 w-full rounded-md border border-slate-300 bg-white px-4 text-2xl tracking-wide aria-[invalid=true]:border-red-500';

/**
 * "Scan or type the card": the counter's and the balance page's card-code form. method="post" and
 * no field names, so whatever happens the code (and a PIN in `extraFields`) never goes into a URL.
 * The input is uncontrolled, so React never rewrites what a scanner typed, even while hydrating;
 * the button is disabled until hydrated, so an early Enter submits nothing (see useEarlyInput).
 */
export function ScanForm({
  codeRef,
  onScan,
  submitLabel,
  isBusy,
  isHydrated,
  defaultValue,
  onCodeChange,
  hint,
  extraFields,
  className = '',
}: {
  codeRef: RefObject<HTMLInputElement | null>;
  onScan: (code: string) => void;
  submitLabel: string;
  isBusy: boolean;
  isHydrated: boolean;
  defaultValue?: string;
  onCodeChange?: () => void;
  hint?: string;
  /** Fields after the code (the balance page's PIN); the button then goes below them. */
  extraFields?: ReactNode;
  className?: string;
}) {
  const t = useTranslations('store.scan');
  const button = (
    <Button type="submit" size="lg" disabled={!isHydrated || isBusy}>
      {isBusy ? t('looking') : submitLabel}
    </Button>
  );
  return (
    <form
      method="post"
      onSubmit={(e) => {
        e.preventDefault();
        onScan(codeRef.current?.value ?? '');
      }}
      className={`grid gap-3 ${className}`}
      noValidate
    >
      <label htmlFor="code" className="text-base font-semibold">
        {t('label')}
      </label>
      <div className="flex flex-wrap gap-3">
        <input
          ref={codeRef}
          id="code"
          className={`${BIG_INPUT} flex-1`}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="go"
          defaultValue={defaultValue}
          onChange={onCodeChange}
          aria-describedby={hint ? 'code-hint' : undefined}
        />
        {extraFields ? null : button}
      </div>
      {extraFields}
      {extraFields ? <div>{button}</div> : null}
      {hint ? (
        <p id="code-hint" className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
    </form>
  );
}
