'use client';
/**
 * A secret the server answers once (an API client's secret, a webhook signing secret, an HQ-set
 * PIN): shown with a copy button, and taken off the screen when the user says so or after
 * `hideAfterSeconds` — the brief's "never left on a screen longer than needed". Once hidden it is
 * gone from the page (not just visually): nothing in the DOM or in React state holds it, and it
 * cannot be shown again because the server kept only a hash.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

export const SECRET_ON_SCREEN_SECONDS = 120;

export function SecretOnce({
  value,
  label,
  testId,
  hideAfterSeconds = SECRET_ON_SCREEN_SECONDS,
}: {
  value: string;
  /** What the secret is, read out before it by screen readers ("Client secret:"). */
  label: string;
  testId: string;
  hideAfterSeconds?: number;
}) {
  const t = useTranslations('secretOnce');
  const [secret, setSecret] = useState<string | null>(value);
  const [left, setLeft] = useState(hideAfterSeconds);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (secret === null) return;
    const shownAt = Date.now();
    const timer = setInterval(() => {
      const seconds = hideAfterSeconds - Math.floor((Date.now() - shownAt) / 1000);
      if (seconds <= 0) setSecret(null);
      else setLeft(seconds);
    }, 1000);
    return () => clearInterval(timer);
  }, [secret, hideAfterSeconds]);

  if (secret === null) {
    return (
      <p data-testid={`${testId}-hidden`} className="mt-2">
        {t('hidden')}
      </p>
    );
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard (an http page, a denied permission): the value stays selectable on screen.
      setCopied(false);
    }
  };
  return (
    <div className="mt-2 flex flex-col gap-2">
      <p>
        <span className="sr-only">{label} </span>
        <code data-testid={testId} className="break-all rounded bg-white px-2 py-1 font-mono text-slate-900">
          {secret}
        </code>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={copy} className="rounded border border-slate-300 bg-white px-2 py-1 text-slate-900 hover:bg-slate-50">
          {copied ? t('copied') : t('copy')}
        </button>
        <button type="button" onClick={() => setSecret(null)} className="rounded border border-slate-300 bg-white px-2 py-1 text-slate-900 hover:bg-slate-50">
          {t('hideNow')}
        </button>
        <span aria-live="off" className="text-xs">
          {t('hidesIn', { seconds: left })}
        </span>
      </div>
    </div>
  );
}
