'use client';
import { useEffect, useRef, useState } from 'react';
import { TextField } from '@/components/form/field';
import { Button } from '@/components/ui/button';

/** How long the button stays disabled after a submit, against a double click starting two downloads. */
const RESUBMIT_AFTER_MS = 15_000;

/**
 * A plain POST form (the response is a file download, not a page), so it also works without
 * JavaScript. With it, the button is briefly disabled and the password field is cleared once the
 * browser has taken the form's data.
 */
export function ReleaseForm({ action, pagePath, error, describedBy }: { action: string; pagePath: string; error?: string; describedBy?: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [isZip, setIsZip] = useState(false);

  useEffect(() => {
    if (!isSubmitted) return;
    const timer = setTimeout(() => setIsSubmitted(false), RESUBMIT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [isSubmitted]);

  return (
    <form
      ref={formRef}
      method="post"
      action={action}
      className="flex max-w-md flex-col gap-4"
      onSubmit={() => {
        setIsSubmitted(true);
        // The entry list is built synchronously after this handler; clearing afterwards keeps
        // the password out of the page once it has been sent.
        setTimeout(() => {
          formRef.current?.reset();
          setIsZip(false);
        }, 0);
      }}
    >
      <TextField
        id="password"
        label="Your password"
        type="password"
        autoComplete="current-password"
        required
        errors={error ? [error] : undefined}
        hint="Confirm it is you: the file holds every card's token and PIN."
      />
      <div className="flex items-start gap-2">
        <input
          id="format-zip"
          name="format"
          type="checkbox"
          value="zip"
          checked={isZip}
          onChange={(event) => setIsZip(event.target.checked)}
          aria-describedby="format-zip-hint"
          className="mt-0.5 h-4 w-4 rounded border-slate-300"
        />
        <div>
          <label htmlFor="format-zip" className="text-sm font-medium text-slate-800">
            Also include barcode images and a PDF proof sheet (ZIP)
          </label>
          <p id="format-zip-hint" className="text-xs text-slate-500">
            One ZIP instead of the CSV: the same CSV, a Code 128 PNG per card and a printable proof sheet of the first 50 cards.
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Tell the manufacturer: a CSV value starting with an apostrophe (<code>&apos;</code>) had it added so spreadsheets do not
            run it as a formula; the value to print is the one without that first apostrophe (see README, CSV and spreadsheets).
          </p>
        </div>
      </div>
      <div>
        <Button type="submit" disabled={isSubmitted} aria-describedby={describedBy}>
          {isZip ? 'Download print file (ZIP)' : 'Download print file (CSV)'}
        </Button>
      </div>
      {isSubmitted ? (
        <p role="status" className="text-sm text-slate-700">
          Your download is starting. When it has finished,{' '}
          <a href={pagePath} className="font-semibold text-brand-700 underline">
            reload this page
          </a>{' '}
          to see the release record and the file&apos;s SHA-256.
        </p>
      ) : null}
    </form>
  );
}
