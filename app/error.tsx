'use client';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div role="alert" className="max-w-md text-center">
        <h1 className="text-xl font-bold">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-600">The error was logged{error.digest ? ` (reference ${error.digest})` : ''}. Try again, or contact support.</p>
        <button type="button" onClick={reset} className="mt-4 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white">
          Try again
        </button>
      </div>
    </main>
  );
}
