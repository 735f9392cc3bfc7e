// GET /healthz – liveness: the process is up and serving (no database call)
import { publicRoute } from '@/lib/edge/public-route';

export const dynamic = 'force-dynamic';

export const GET = publicRoute('healthz', () => Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } }));
