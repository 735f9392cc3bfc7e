import type { SecretsStatus } from '@/lib/print-runs/list-print-runs';
import { When } from './when';

/** Where the run's one-time secrets stand: awaiting release, released by whom, or destroyed. */
export function SecretsSummary({ secrets }: { secrets: SecretsStatus }) {
  switch (secrets.state) {
    case 'AWAITING_RELEASE':
      return (
        <span>
          Awaiting release
          {secrets.deadline ? (
            <span className="block text-xs text-slate-600">
              release before <When date={secrets.deadline} />, then destroyed
            </span>
          ) : null}
        </span>
      );
    case 'RELEASED':
      return (
        <span>
          Released by {secrets.by}
          {secrets.at ? (
            <span className="block text-xs text-slate-600">
              at <When date={secrets.at} />
            </span>
          ) : null}
        </span>
      );
    case 'DESTROYED':
      return (
        <span>
          Destroyed unreleased
          {secrets.at ? (
            <span className="block text-xs text-slate-600">
              at <When date={secrets.at} />
            </span>
          ) : null}
        </span>
      );
  }
}
