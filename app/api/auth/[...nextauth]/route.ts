// GET|POST /api/auth/* – next-auth endpoints (csrf, callback/credentials, session, signout)
import { handlers } from '@/lib/auth/config';
import { publicRoute } from '@/lib/edge/public-route';

export const GET = publicRoute('auth.nextauth', ({ request }) => handlers.GET(request));
export const POST = publicRoute('auth.nextauth', ({ request }) => handlers.POST(request));
