'use client';
import { NextIntlClientProvider, type AbstractIntlMessages } from 'next-intl';
import type { Locale } from '@/lib/i18n/locales';
import { missingMessage } from '@/lib/i18n/missing';

/** next-intl for client components, with the same missing-message marker as the server (lib/i18n/missing.ts). */
export function IntlProvider({
  locale,
  messages,
  timeZone,
  children,
}: {
  locale: Locale;
  messages: AbstractIntlMessages;
  timeZone: string;
  children: React.ReactNode;
}) {
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone} getMessageFallback={missingMessage}>
      {children}
    </NextIntlClientProvider>
  );
}
