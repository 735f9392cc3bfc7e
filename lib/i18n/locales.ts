/**
 * The UI's languages. Adding Swedish or Danish is a catalogue (messages/sv.json) and one entry
 * here; `lib/i18n/messages.test.ts` fails until the catalogue has every key.
 */
export const LOCALES = ['nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** For a user with no setting whose account has none either, and for a browser we cannot match. */
export const FALLBACK_LOCALE: Locale = 'en';

/** The name of each language in itself, for the language switch. */
export const LOCALE_NAMES: Record<Locale, string> = { nb: 'Norsk bokmål', en: 'English' };

/** The BCP 47 tag `Intl` formats with (numbers, dates, currencies). */
export const INTL_LOCALES: Record<Locale, string> = { nb: 'nb-NO', en: 'en-GB' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** "no", "nn" and "nb" all read bokmål. */
const ALIASES: Record<string, Locale> = { no: 'nb', nn: 'nb', nb: 'nb', en: 'en' };

/** The browser's preferred language we have, by Accept-Language quality; else the fallback. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.tag && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const match = ALIASES[tag.split('-')[0]!];
    if (match) return match;
  }
  return FALLBACK_LOCALE;
}
