// GET /readyz – readiness: database reachable, migrations applied, worker alive (503 with the failing checks otherwise)
import { publicRoute } from '@/lib/edge/public-route';
import { workerStatus } from '@/lib/jobs/worker';
import { checkReadiness } from '@/lib/ops/check-readiness';

export const dynamic = 'force-dynamic';

export const GET = publicRoute('readyz', async () => {
  const result = await checkReadiness(workerStatus());
  return Response.json(result, { status: result.status === 'ready' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
