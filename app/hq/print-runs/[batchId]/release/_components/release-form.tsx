'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { TextField } from '@/components/form/field';
import { Button } from '@/components/ui/button';
import { confirmReleaseAction } from '../actions';
import { canVerifyInPage, downloadPrintFile, rememberReceivedFile } from './received-file';

/** Without JavaScript: how long the button stays disabled after a submit, against a double click. */
const RESUBMIT_AFTER_MS = 15_000;

type Phase =
  | { kind: 'idle' }
  | { kind: 'downloading' }
  | { kind: 'confirming' }
  | { kind: 'failed'; message: string; passwordError?: string }
  /** The native form post (no Web Crypto here): the admin confirms by hand afterwards. */
  | { kind: 'submitted' };

/**
 * The release form. With JavaScript (in a secure context) the page fetches the print file, hashes
 * the bytes it received, saves them, and confirms that SHA-256 with the same password — the step
 * that destroys the secrets — then shows the release record at once. A broken download or a
 * refused confirmation destroys nothing. The password leaves the page's memory when the flow ends.
 *
 * Without that, it is a plain POST form (the response is the file download); the page then offers
 * to confirm by hand (ConfirmForm).
 */
export function ReleaseForm({ action, batchId, error, describedBy }: { action: string; batchId: string; error?: string; describedBy?: string }) {
  const router = useRouter();
  const t = useTranslations('hqPrintRuns.release');
  const formRef = useRef<HTMLFormElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [isZip, setIsZip] = useState(false);

  useEffect(() => {
    if (phase.kind !== 'submitted') return;
    const timer = setTimeout(() => setPhase({ kind: 'idle' }), RESUBMIT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [phase]);

  async function release(form: FormData) {
    setPhase({ kind: 'downloading' });
    const download = await downloadPrintFile(action, form);
    if (!download.ok) {
      const { problem } = download;
      if (problem.kind === 'password' || problem.kind === 'attempts') setPhase({ kind: 'failed', message: '', passwordError: t(`errors.${problem.kind}`) });
      else if (problem.kind === 'broken') setPhase({ kind: 'failed', message: t('form.broken') });
      else setPhase({ kind: 'failed', message: problem.message ?? t('form.refused', { status: problem.status }) });
      return;
    }
    rememberReceivedFile(batchId, download.file);
    setPhase({ kind: 'confirming' });
    const confirmation = new FormData();
    confirmation.set('batchId', batchId);
    confirmation.set('password', String(form.get('password') ?? ''));
    confirmation.set('sha256', download.file.sha256);
    form.delete('password');
    try {
      const result = await confirmReleaseAction(null, confirmation);
      if (result?.ok) {
        setPhase({ kind: 'idle' });
      } else {
        setPhase({
          kind: 'failed',
          message: result?.message ? t('form.notConfirmed', { reason: result.message }) : t('form.noAnswer'),
        });
      }
    } catch {
      setPhase({ kind: 'failed', message: t('form.noAnswer') });
    }
    // The release record, or the unconfirmed download, from the server.
    router.refresh();
  }

  const isBusy = phase.kind === 'downloading' || phase.kind === 'confirming' || phase.kind === 'submitted';
  const passwordError = phase.kind === 'failed' ? phase.passwordError : phase.kind === 'idle' ? error : undefined;
  return (
    <form
      ref={formRef}
      method="post"
      action={action}
      className="flex max-w-md flex-col gap-4"
      onSubmit={(event) => {
        if (isBusy) {
          event.preventDefault();
          return;
        }
        if (canVerifyInPage()) {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          event.currentTarget.reset();
          setIsZip(false);
          void release(form);
          return;
        }
        setPhase({ kind: 'submitted' });
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
        label={t('form.password')}
        type="password"
        autoComplete="current-password"
        required
        errors={passwordError ? [passwordError] : undefined}
        hint={t('form.passwordHint')}
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
            {t('form.zip')}
          </label>
          <p id="format-zip-hint" className="text-xs text-slate-500">
            {t('form.zipHint')}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            {t.rich('form.formulaHint', { code: (chunks) => <code>{chunks}</code> })}
          </p>
        </div>
      </div>
      <div>
        <Button type="submit" disabled={isBusy} aria-describedby={describedBy}>
          {isZip ? t('form.downloadZip') : t('form.downloadCsv')}
        </Button>
      </div>
      <ReleaseStatus phase={phase} />
    </form>
  );
}

function ReleaseStatus({ phase }: { phase: Phase }) {
  const t = useTranslations('hqPrintRuns.release.form');
  if (phase.kind === 'failed' && !phase.passwordError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {phase.message}
      </p>
    );
  }
  const text = phase.kind === 'downloading' || phase.kind === 'confirming' || phase.kind === 'submitted' ? t(phase.kind) : null;
  return text ? (
    <p role="status" className="text-sm text-slate-700">
      {text}
    </p>
  ) : null;
}
