// GET /v1/openapi.json – the Wallet API's OpenAPI 3.1 document, generated from the zod schemas
import { buildOpenApiDocument } from '@/lib/api/openapi';

export function GET(request: Request) {
  return Response.json(buildOpenApiDocument(new URL(request.url).origin));
}
