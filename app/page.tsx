import { redirect } from 'next/navigation';
import { homePathFor } from '@/lib/auth/permissions';
import { optionalActor } from '@/lib/edge/session';

export default async function HomePage() {
  const actor = await optionalActor();
  redirect(actor ? homePathFor(actor.role) : '/login');
}
