// GET /hq/reports/accounting/journal.csv?month=YYYY-MM – the month's journal lines (closed months: the frozen file)
import { sessionRoute } from '@/lib/edge/session-route';
import { AppError } from '@/lib/errors';
import { exportJournal } from '@/lib/reports/close-period';
import { monthSchema } from '@/lib/reports/schemas';

export const GET = sessionRoute('hq.reports.journalCsv', 'reports:view', async ({ actor, request }) => {
  const parsed = monthSchema.safeParse({ month: new URL(request.url).searchParams.get('month') ?? '' });
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'month must look like 2026-11.', { fieldErrors: { month: ['Enter a month like 2026-11'] } });
  const journal = await exportJournal(actor, parsed.data.month);
  return new Response(journal.csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="journal-${parsed.data.month}.csv"`,
      'cache-control': 'no-store',
      'x-content-sha256': journal.sha256,
    },
  });
});
