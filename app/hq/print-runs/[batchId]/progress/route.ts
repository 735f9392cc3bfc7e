// GET /hq/print-runs/<id>/progress – fill progress of a print run (the batch page polls it)
import { jsonResponse } from '@/lib/edge/respond';
import { sessionRoute } from '@/lib/edge/session-route';
import { getPrintRunProgress } from '@/lib/print-runs/get-print-run';

export const GET = sessionRoute<{ batchId: string }>('hq.printRuns.progress', 'hq:view', async ({ actor, params }) =>
  jsonResponse(await getPrintRunProgress(actor, params.batchId)),
);
