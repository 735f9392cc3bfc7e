import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/auth/permissions';
import { optionalActor } from '@/lib/edge/session';

export const metadata: Metadata = { title: 'No access' };

export default async function DeniedPage() {
  const actor = await optionalActor();
  if (!actor) redirect('/login');
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
        <h1 className="text-xl font-bold">You do not have access to that page</h1>
        <p className="mt-2 text-sm text-slate-600">Your role does not allow it. If you think it should, ask your HQ administrator.</p>
        <Link href={homePathFor(actor.role)} className="mt-6 inline-block font-semibold text-brand-700 underline">
          Go to your start page
        </Link>
      </div>
    </main>
  );
}
