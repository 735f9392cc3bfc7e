'use client';
import { useSyncExternalStore } from 'react';
import { receivedFile, saveFile, subscribeReceivedFiles } from './received-file';

/**
 * On the release record, while the page that downloaded the file is still open: its bytes, to
 * save again (say the browser's save failed), and the SHA-256 the page computed over them.
 */
export function SaveAgain({ batchId }: { batchId: string }) {
  const file = useSyncExternalStore(
    subscribeReceivedFiles,
    () => receivedFile(batchId),
    () => null,
  );
  if (!file) return null;
  return (
    <p className="text-sm text-slate-700">
      This page still holds the file it received ({file.fileName}, SHA-256 as above).{' '}
      <button type="button" className="font-semibold text-brand-700 underline" onClick={() => saveFile(file)}>
        Save it again
      </button>{' '}
      — it is gone when you leave the page.
    </p>
  );
}
