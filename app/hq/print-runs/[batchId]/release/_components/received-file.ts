/**
 * The page's side of the two-step release: fetch the print file, hash exactly the bytes received,
 * save them, and keep them for "save again" while the page is open. Browser-only.
 *
 * The whole file is held as a Blob: Web Crypto has no incremental digest, and the page must have
 * every byte before it may confirm anyway. A 100,000-card CSV is about 6 MB.
 */

export interface ReceivedFile {
  fileName: string;
  sha256: string;
  /** An object URL of the bytes received, for saving them again. */
  url: string;
}

/** Whether this browser can verify the download in the page (Web Crypto needs a secure context). */
export function canVerifyInPage(): boolean {
  return typeof window !== 'undefined' && typeof fetch === 'function' && window.isSecureContext && Boolean(window.crypto?.subtle);
}

export type DownloadResult = { ok: true; file: ReceivedFile } | { ok: false; message: string; passwordError?: string };

function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const BROKEN = 'The download broke off before its end. Nothing was used up: the secrets are still there, download again.';

/** POSTs the release form to `action` and takes the file in full, or says why not. */
export async function downloadPrintFile(action: string, form: FormData): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await fetch(action, { method: 'POST', body: form, headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch {
    return { ok: false, message: BROKEN };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string; details?: { fieldErrors?: { password?: string[] } } } } | null;
    const message = body?.error?.message ?? `The download was refused (HTTP ${response.status}).`;
    const passwordError = body?.error?.details?.fieldErrors?.password?.join(' ');
    return { ok: false, message, passwordError };
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    return { ok: false, message: BROKEN };
  }
  const sha256 = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  const file = { fileName: fileNameOf(response, 'print-file'), sha256, url: URL.createObjectURL(blob) };
  saveFile(file);
  return { ok: true, file };
}

/** Hands the bytes to the browser's download manager. */
export function saveFile(file: ReceivedFile): void {
  const link = document.createElement('a');
  link.href = file.url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

// The files received on this page, per batch, until the page is left: the release record offers
// to save it again (the secrets are gone once it is confirmed).
const received = new Map<string, ReceivedFile>();
const listeners = new Set<() => void>();

export function rememberReceivedFile(batchId: string, file: ReceivedFile): void {
  const previous = received.get(batchId);
  if (previous && previous.url !== file.url) URL.revokeObjectURL(previous.url);
  received.set(batchId, file);
  for (const listener of listeners) listener();
}

export function receivedFile(batchId: string): ReceivedFile | null {
  return received.get(batchId) ?? null;
}

export function subscribeReceivedFiles(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
