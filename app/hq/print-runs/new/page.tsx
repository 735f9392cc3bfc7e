import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/edge/session';
import { suggestStartSequence } from '@/lib/print-runs/order-print-run';
import { DEFAULT_PRESET } from '@/lib/print-runs/presets';
import { sampleSecret } from '@/lib/secrets/sample';
import { DEFAULT_ID_PREFIX, initialOrderValues } from '../_components/order-form-values';
import { OrderPrintRunForm } from '../_components/order-print-run-form';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('hqPrintRuns.orderForm'))('metaTitle') };
}

export default async function NewPrintRunPage() {
  const actor = await requirePageActor('printRuns:order', '/hq/print-runs/new');
  const start = await suggestStartSequence(actor, DEFAULT_ID_PREFIX);
  const t = await getTranslations('hqPrintRuns.orderForm');
  return (
    <>
      <PageHeader title={t('title')} description={t('description')}>
        <Link href="/hq/print-runs" className="text-sm font-semibold text-brand-700 underline">
          {t('back')}
        </Link>
      </PageHeader>
      <Card>
        <OrderPrintRunForm
          initial={initialOrderValues(start)}
          // Drawn here so the server and the browser render the same example.
          initialSamples={{ pin: sampleSecret(DEFAULT_PRESET.pinFormat), token: sampleSecret(DEFAULT_PRESET.tokenFormat) }}
          suggestion={{ prefix: DEFAULT_ID_PREFIX, start }}
        />
      </Card>
    </>
  );
}
