// GET /hq/reports/download/<report>?format=csv|pdf&… – a finance report as CSV or printable PDF
import { sessionRoute } from '@/lib/edge/session-route';
import { AppError } from '@/lib/errors';
import { buildReportDocument, isReportName } from '@/lib/reports/documents';
import { reportCsv, reportFilename, reportPdf } from '@/lib/reports/render';

export const GET = sessionRoute<{ report: string }>('hq.reports.download', 'reports:view', async ({ actor, params, request }) => {
  const { report } = params;
  if (!isReportName(report)) throw new AppError('NOT_FOUND', 'No such report.');
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const format = query.format ?? 'csv';
  if (format !== 'csv' && format !== 'pdf') throw new AppError('INVALID_INPUT', 'format must be csv or pdf.', { fieldErrors: { format: ['csv or pdf'] } });
  const doc = await buildReportDocument(actor, report, query);
  const headers = { 'content-disposition': `attachment; filename="${reportFilename(doc, format)}"`, 'cache-control': 'no-store' };
  if (format === 'pdf') {
    const body = await reportPdf(doc, actor.accountName);
    return new Response(new Uint8Array(body), { headers: { ...headers, 'content-type': 'application/pdf' } });
  }
  // The report's tables are aggregates (a few hundred lines at most), so the file is sent whole.
  return new Response(reportCsv(doc, actor.accountName), { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
});
