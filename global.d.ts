// next-intl's keys and locales as types: t('a.b') with a key missing from messages/en.json does
// not compile (lib/i18n/messages.test.ts checks the other catalogues have the same keys).
import type en from './messages/en.json';
import type { Locale } from './lib/i18n/locales';

declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
  }
}
