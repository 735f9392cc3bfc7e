import { useTranslations } from 'next-intl';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import type { UserActor } from '@/lib/auth/actor';
import type { FormState } from '@/lib/edge/result';

/**
 * A signed-in user's profile (HQ and the counter alike): who they are and the language they read
 * the UI in. The language action is passed in (components/ import nothing from app/).
 */
export function ProfileView({
  actor,
  setLocaleAction,
}: {
  actor: UserActor;
  setLocaleAction: (state: FormState, formData: FormData) => Promise<FormState>;
}) {
  const t = useTranslations('profile');
  const tRoles = useTranslations('shell.roles');
  const rows: [string, string][] = [
    [t('email'), actor.email],
    [t('name'), actor.name || '—'],
    [t('role'), tRoles(actor.role)],
    [t('where'), actor.storeName ?? actor.accountName],
  ];
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t('you')}>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="font-medium text-slate-600">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={t('language')}>
          <p className="mb-3 text-sm text-slate-600">{t('languageHint')}</p>
          <LanguageSwitch action={setLocaleAction} />
        </Card>
      </div>
    </>
  );
}
