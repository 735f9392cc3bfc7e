import { useTranslations } from 'next-intl';
import type { SecretsStatus } from '@/lib/print-runs/list-print-runs';
import { When } from './when';

/** Where the run's one-time secrets stand: awaiting release, released by whom, or destroyed. */
export function SecretsSummary({ secrets }: { secrets: SecretsStatus }) {
  const t = useTranslations('hqPrintRuns.secrets');
  switch (secrets.state) {
    case 'AWAITING_RELEASE':
      return (
        <span>
          {t('awaiting')}
          {secrets.deadline ? (
            <span className="block text-xs text-slate-600">
              {t('releaseBefore')} <When date={secrets.deadline} />
              {t('thenDestroyed')}
            </span>
          ) : null}
        </span>
      );
    case 'RELEASED':
      return (
        <span>
          {t('releasedBy', { who: secrets.by })}
          {secrets.at ? (
            <span className="block text-xs text-slate-600">
              {t('at')} <When date={secrets.at} />
            </span>
          ) : null}
        </span>
      );
    case 'DESTROYED':
      return (
        <span>
          {t('destroyed')}
          {secrets.at ? (
            <span className="block text-xs text-slate-600">
              {t('at')} <When date={secrets.at} />
            </span>
          ) : null}
        </span>
      );
  }
}
