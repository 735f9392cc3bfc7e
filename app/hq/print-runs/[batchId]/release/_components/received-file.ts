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

/**
 * Why a download failed, for the page to word in the user's language: `broken` (cut off),
 * `password`/`attempts` (the form's password problems), or `refused` with the server's English
 * message when it gave one.
 */
export type DownloadProblem = { kind: 'broken' } | { kind: 'password' } | { kind: 'attempts' } | { kind: 'refused'; status: number; message?: string };

export type DownloadResult = { ok: true; file: ReceivedFile } | { ok: false; problem: DownloadProblem };

function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** POSTs the release form to `action` and takes the file in full, or says why not. */
export async function downloadPrintFile(action: string, form: FormData): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await fetch(action, { method: 'POST', body: form, headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch {
    return { ok: false, problem: { kind: 'broken' } };
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: { fieldErrors?: { password?: string[] } } } } | null;
    // The same reading as the print-file route's redirect for a form post without JavaScript.
    if (body?.error?.code === 'LIMIT_EXCEEDED') return { ok: false, problem: { kind: 'attempts' } };
    if (body?.error?.code === 'FORBIDDEN' && body.error.details?.fieldErrors?.password) return { ok: false, problem: { kind: 'password' } };
    return { ok: false, problem: { kind: 'refused', status: response.status, ...(body?.error?.message ? { message: body.error.message } : {}) } };
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    return { ok: false, problem: { kind: 'broken' } };
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
