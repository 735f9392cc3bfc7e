// GET /hq/print-runs/<id>/cards.csv – card ids, statuses and masked codes of a print run (no secrets)
import { sessionRoute } from '@/lib/edge/session-route';
import { logger } from '@/lib/logger';
import { exportBatchCardsCsv } from '@/lib/print-runs/get-print-run';

const ROUTE = 'hq.printRuns.cardsCsv';

export const GET = sessionRoute<{ batchId: string }>(ROUTE, 'hq:view', async ({ actor, params, requestId }) => {
  // Access and state are checked before the first byte, so refusals keep their status code.
  const { filename, rows } = await exportBatchCardsCsv(actor, params.batchId);
  const encoder = new TextEncoder();
  // Pull-based: the next page of cards is read only when the client has taken the previous one.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.error({ err: error, route: ROUTE, requestId }, 'card export failed mid-stream');
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
