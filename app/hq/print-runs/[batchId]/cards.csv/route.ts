// GET /hq/print-runs/<id>/cards.csv – card ids, statuses and masked codes of a print run (no secrets)
import { csvDownload } from '@/lib/edge/csv-download';
import { sessionRoute } from '@/lib/edge/session-route';
import { exportBatchCardsCsv } from '@/lib/print-runs/get-print-run';

const ROUTE = 'hq.printRuns.cardsCsv';

export const GET = sessionRoute<{ batchId: string }>(ROUTE, 'hq:view', async ({ actor, params, requestId }) => {
  // Access and state are checked before the first byte, so refusals keep their status code.
  const { filename, rows } = await exportBatchCardsCsv(actor, params.batchId);
  return csvDownload({ filename, rows }, { route: ROUTE, requestId, what: 'card export' });
});
