'use client';
import { useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { receivedFile, saveFile, subscribeReceivedFiles } from './received-file';

/**
 * On the release record, while the page that downloaded the file is still open: its bytes, to
 * save again (say the browser's save failed), and the SHA-256 the page computed over them.
 */
export function SaveAgain({ batchId }: { batchId: string }) {
  const t = useTranslations('hqPrintRuns.release.saveAgain');
  const file = useSyncExternalStore(
    subscribeReceivedFiles,
    () => receivedFile(batchId),
    () => null,
  );
  if (!file) return null;
  return (
    <p className="text-sm text-slate-700">
      {t('holds', { file: file.fileName })}{' '}
      <button type="button" className="font-semibold text-brand-700 underline" onClick={() => saveFile(file)}>
        {t('save')}
      </button>{' '}
      {t('gone')}
    </p>
  );
}
