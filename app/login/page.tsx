import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { Alert } from '@/components/ui/alert';
import { homePathFor } from '@/lib/auth/permissions';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { optionalActor } from '@/lib/edge/session';
import { translate } from '@/lib/edge/translate';
import { loginUserMessageFor } from './messages';
import { LoginForm } from './login-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('login'))('title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslations('login');
  const actor = await optionalActor();
  if (actor) redirect(homePathFor(actor.role));

  const callbackUrl = safeCallbackPath(params.callbackUrl) ?? undefined;
  // Errors from the plain next-auth endpoint (POST /api/auth/callback/credentials) arrive as query params.
  const initialMessage = params.error ? await translate(loginUserMessageFor(typeof params.code === 'string' ? params.code : undefined)) : undefined;

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-bold text-brand-900">Cardstock</h1>
        <p className="mb-6 text-sm text-slate-600">{t('intro')}</p>
        {params.signedOut ? (
          <div className="mb-4">
            <Alert tone="info">{t('signedOut')}</Alert>
          </div>
        ) : null}
        <LoginForm callbackUrl={callbackUrl} initialMessage={initialMessage} />
      </div>
    </main>
  );
}
