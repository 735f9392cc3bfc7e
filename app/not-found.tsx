import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="text-center">
        <h1 className="text-xl font-bold">Page not found</h1>
        <Link href="/" className="mt-4 inline-block font-semibold text-brand-700 underline">
          Go to the start page
        </Link>
      </div>
    </main>
  );
}
