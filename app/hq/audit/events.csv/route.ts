// GET /hq/audit/events.csv – the audit log's events matching the page's filters, streamed as CSV
import { auditQuerySchema } from '@/lib/audit/audit-schema';
import { exportAuditEventsCsv } from '@/lib/audit/export-audit-events';
import { csvDownload } from '@/lib/edge/csv-download';
import { sessionRoute } from '@/lib/edge/session-route';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/edge/result';
import { safeParseInput } from '@/lib/input/well-formed';

const ROUTE = 'hq.audit.eventsCsv';

export const GET = sessionRoute(ROUTE, 'audit:view', async ({ actor, request, requestId }) => {
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([key, value]) => key !== 'cursor' && key !== 'page' && value !== ''));
  const parsed = safeParseInput(auditQuerySchema, raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the filters.', { fieldErrors: fieldErrorsOf(parsed.error) });
  // Access and filters are checked (and the export audited) before the first byte, so refusals keep their status code.
  const { filename, rows } = await exportAuditEventsCsv(actor, parsed.data, raw);
  return csvDownload({ filename, rows }, { route: ROUTE, requestId, what: 'audit export' });
});
