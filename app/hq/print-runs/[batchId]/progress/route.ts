// GET /hq/print-runs/<id>/progress – fill progress of a print run (the batch page polls it)
import { randomUUID } from 'node:crypto';
import { errorResponse, jsonResponse } from '@/lib/edge/respond';
import { requireActor } from '@/lib/edge/session';
import { getPrintRunProgress } from '@/lib/print-runs/get-print-run';

export async function GET(_request: Request, { params }: { params: Promise<{ batchId: string }> }) {
  try {
    const actor = await requireActor('hq:view');
    const { batchId } = await params;
    return jsonResponse(await getPrintRunProgress(actor, batchId));
  } catch (error) {
    return errorResponse(error, { route: 'printRunProgress', requestId: randomUUID() });
  }
}
