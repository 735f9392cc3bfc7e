// GET /hq/audit/events.csv – the audit log's events matching the page's filters, streamed as CSV
import { auditQuerySchema } from '@/lib/audit/audit-schema';
import { exportAuditEventsCsv } from '@/lib/audit/export-audit-events';
import { sessionRoute } from '@/lib/edge/session-route';
import { AppError } from '@/lib/errors';
import { fieldErrorsOf } from '@/lib/edge/result';
import { safeParseInput } from '@/lib/input/well-formed';
import { logger } from '@/lib/logger';

const ROUTE = 'hq.audit.eventsCsv';

export const GET = sessionRoute(ROUTE, 'audit:view', async ({ actor, request, requestId }) => {
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([key, value]) => key !== 'cursor' && key !== 'page' && value !== ''));
  const parsed = safeParseInput(auditQuerySchema, raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Please correct the filters.', { fieldErrors: fieldErrorsOf(parsed.error) });
  // Access and filters are checked (and the export audited) before the first byte, so refusals keep their status code.
  const { filename, rows } = await exportAuditEventsCsv(actor, parsed.data, raw);
  const encoder = new TextEncoder();
  // Pull-based: the next page of events is read only when the client has taken the previous one.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.error({ err: error, route: ROUTE, requestId }, 'audit export failed mid-stream');
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
});
