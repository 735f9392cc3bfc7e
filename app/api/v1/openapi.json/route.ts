// GET /v1/openapi.json – the Wallet API's OpenAPI 3.1 document, generated from the operation declarations and the error table
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { publicRoute } from '@/lib/edge/public-route';

export const GET = publicRoute('openapi', ({ request }) => Response.json(buildOpenApiDocument(new URL(request.url).origin)));
