// POST /hq/print-runs/[batchId]/release/print-file – the print file download, step 1 of the one-time release (HQ admin)
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { requireActor } from '@/lib/edge/session';
import { AppError, ERROR_STATUS, isAppError } from '@/lib/errors';
import { safeParseInput } from '@/lib/input/well-formed';
import { logger } from '@/lib/logger';
import { beginRelease, recordReleaseRefusal, releaseSecretsSchema } from '@/lib/print-runs/release-secrets';

const ROUTE = 'hq.printRuns.releasePrintFile';
/** The form holds a password field and a checkbox; anything much larger is not our form. */
const MAX_FORM_BYTES = 16 * 1024;

/*
 * The form posts here from our own page. A cross-site form post would carry a foreign Origin;
 * refusing it keeps this cookie-authenticated route from being driven by another site (server
 * actions get the same check from Next.js; route handlers do not).
 */
function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

async function readForm(request: Request): Promise<Record<string, unknown>> {
  if (Number(request.headers.get('content-length') ?? '0') > MAX_FORM_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'The request is too large.');
  }
  try {
    return Object.fromEntries((await request.formData()).entries());
  } catch {
    throw new AppError('INVALID_INPUT', 'Send the release form.');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function wantsHtml(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

/**
 * The form without JavaScript is a browser navigation, so browsers get a small page; the page's
 * fetch (and other clients) the API error shape, with the field errors.
 */
function errorResponse(request: Request, status: number, error: { code: string; message: string; details?: unknown }, backTo: string): Response {
  const { code, message } = error;
  const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (!wantsHtml(request)) {
    const details = fieldErrorsOf(error.details);
    return Response.json({ error: { code, message, ...(details ? { details: { fieldErrors: details } } : {}) } }, { status, headers });
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Print file not released</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#0f172a">
<h1 style="font-size:1.25rem">The print file was not released</h1>
<p role="alert">${escapeHtml(message)}</p>
<p><a href="${escapeHtml(backTo)}">Back to the release page</a></p>
</body></html>`;
  return new Response(html, { status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });
}

export async function POST(request: Request, { params }: { params: Promise<{ batchId: string }> }): Promise<Response> {
  const requestId = randomUUID();
  const { batchId } = await params;
  const releasePage = `/hq/print-runs/${encodeURIComponent(batchId)}/release`;
  let status = 500;
  try {
    // Any signed-in user gets this far, so that every refused attempt is audited with who made it.
    const actor = await requireActor('store:use');
    if (!isSameOrigin(request)) {
      await recordReleaseRefusal(actor, batchId, 'cross_site');
      throw new AppError('FORBIDDEN', 'Cross-site requests are not accepted.');
    }
    const raw = await readForm(request).catch(async (error: unknown) => {
      await recordReleaseRefusal(actor, batchId, 'malformed');
      throw error;
    });
    const form = safeParseInput(releaseSecretsSchema, raw);
    if (!form.success) {
      await recordReleaseRefusal(actor, batchId, 'malformed');
      throw new AppError('INVALID_INPUT', 'The form was incomplete.');
    }
    const { password, format } = form.data;
    const release = await beginRelease(actor, batchId, password, { format });
    void release.finished.then((outcome) => logger.info({ route: ROUTE, requestId, batchId: release.batchId, outcome }, 'print file download ended'));
    status = 200;
    return new Response(release.stream, {
      status,
      headers: {
        'content-type': release.contentType,
        'content-disposition': `attachment; filename="${release.fileName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-request-id': requestId,
      },
    });
  } catch (error) {
    if (isAppError(error)) {
      // A wrong (or too often wrong) password goes back to the form, which says so beside the field.
      const passwordError = error.code === 'LIMIT_EXCEEDED' ? 'attempts' : error.code === 'FORBIDDEN' && fieldErrorsOf(error.details)?.password ? 'password' : null;
      if (passwordError && wantsHtml(request)) {
        status = 303;
        return seeOther(`${releasePage}?error=${passwordError}`);
      }
      status = ERROR_STATUS[error.code];
      return errorResponse(request, status, error, releasePage);
    }
    logger.error({ route: ROUTE, requestId, batchId, err: error }, 'print file release failed');
    return errorResponse(request, 500, { code: 'INTERNAL', message: `Internal error (request ${requestId}).` }, releasePage);
  } finally {
    logger.info({ route: ROUTE, requestId, batchId, status }, 'hq request');
  }
}

function fieldErrorsOf(details: unknown): Record<string, string[]> | undefined {
  const parsed = z.object({ fieldErrors: z.record(z.string(), z.array(z.string())) }).safeParse(details);
  return parsed.success ? parsed.data.fieldErrors : undefined;
}
