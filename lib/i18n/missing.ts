/**
 * What a message that is missing from the catalogue renders as, on the server (i18n/request.ts)
 * and in the browser (components/i18n/intl-provider.tsx): a marker nobody can mistake for text,
 * `⟦missing: store.today.title⟧`, which e2e/i18n-pages.spec.ts looks for on every page in both
 * languages. next-intl's onError still logs each one. Keys written in code are checked by the
 * compiler (global.d.ts); this catches computed ones (`statuses.${status}`) at run time.
 */
export const MISSING_MARKER = '⟦missing:';

export function missingMessage({ namespace, key, error }: { namespace?: string; key: string; error: { code: string } }): string {
  const path = [namespace, key].filter(Boolean).join('.');
  return error.code === 'MISSING_MESSAGE' ? `${MISSING_MARKER} ${path}⟧` : `⟦${error.code}: ${path}⟧`;
}
