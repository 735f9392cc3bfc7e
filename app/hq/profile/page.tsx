import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { setLocaleAction } from '@/app/_actions/set-locale';
import { ProfileView } from '@/components/profile/profile-view';
import { requirePageActor } from '@/lib/edge/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('profile'))('title') };
}

/** The signed-in user's profile: who they are and their UI language (setLocaleAction, for themselves only). */
export default async function ProfilePage() {
  const actor = await requirePageActor('hq:view', '/hq/profile');
  return <ProfileView actor={actor} setLocaleAction={setLocaleAction} />;
}
