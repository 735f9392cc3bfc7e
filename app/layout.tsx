import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getLocale, getMessages, getTimeZone } from 'next-intl/server';
import { IntlProvider } from '@/components/i18n/intl-provider';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Cardstock', template: '%s · Cardstock' },
  description: 'Gift-card issuing back office',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts must carry that request's CSP nonce (proxy.ts).
  // A page prerendered at build time would have none, and the browser would refuse its scripts.
  await connection();
  const locale = await getLocale();
  const messages = await getMessages();
  const timeZone = await getTimeZone();
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
          {children}
        </IntlProvider>
      </body>
    </html>
  );
}
