// Any other /v1 path (an unknown endpoint, /v1 itself, a path that `..` segments resolved to
// elsewhere), with any method: the Wallet API's JSON 404 instead of the HTML "page not found".
import { publicRoute } from '@/lib/edge/public-route';
import { AppError } from '@/lib/errors';

const notFound = publicRoute('not_found', () => {
  throw new AppError('NOT_FOUND', 'There is no Wallet API endpoint at this path.');
});

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
