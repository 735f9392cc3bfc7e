// POST /hq/print-runs/[batchId]/release/print-file – the print file download, step 1 of the one-time release (HQ admin)
import { getLocale, getTranslations } from 'next-intl/server';
import type { ErrorAnswer } from '@/lib/edge/respond';
import { fieldErrorsIn } from '@/lib/edge/respond';
import { readForm, sessionRoute } from '@/lib/edge/session-route';
import { AppError } from '@/lib/errors';
import { safeParseInput } from '@/lib/input/well-formed';
import { logger } from '@/lib/logger';
import { beginRelease, recordReleaseRefusal, releaseSecretsSchema } from '@/lib/print-runs/release-secrets';

const ROUTE = 'hq.printRuns.releasePrintFile';
/** The form holds a password field and a checkbox; anything much larger is not our form. */
const MAX_FORM_BYTES = 16 * 1024;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The form without JavaScript is a browser navigation, so browsers get a small page (or, for a
 * wrong password, the form again, which says so beside the field); the page's fetch and other
 * clients get the error shape with the field errors only.
 */
async function renderError(answer: ErrorAnswer, request: Request): Promise<Response> {
  const releasePage = new URL(request.url).pathname.replace(/\/print-file\/?$/, '');
  const fieldErrors = fieldErrorsIn(answer.details);
  const headers = { ...answer.headers, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  if (!(request.headers.get('accept') ?? '').includes('text/html')) {
    const body = { error: { code: answer.code, message: answer.message, ...(fieldErrors ? { details: { fieldErrors } } : {}) } };
    return Response.json(body, { status: answer.status, headers });
  }
  const passwordError = answer.code === 'LIMIT_EXCEEDED' ? 'attempts' : answer.code === 'FORBIDDEN' && fieldErrors?.password ? 'password' : null;
  if (passwordError) return new Response(null, { status: 303, headers: { ...headers, location: `${releasePage}?error=${passwordError}` } });
  // Refused for lack of permission (HQ staff, a clerk): they cannot open the release page, so the
  // link goes to their start page instead ("/" sends each role to its own).
  // In the user's language, like the refusal's message (translated by sessionRoute).
  const [t, locale] = await Promise.all([getTranslations('hqPrintRuns.printFileRefused'), getLocale()]);
  const back =
    answer.code === 'FORBIDDEN' ? `<a href="/">${escapeHtml(t('startPage'))}</a>` : `<a href="${escapeHtml(releasePage)}">${escapeHtml(t('releasePage'))}</a>`;
  const html = `<!doctype html><html lang="${escapeHtml(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t('title'))}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#0f172a">
<h1 style="font-size:1.25rem">${escapeHtml(t('heading'))}</h1>
<p role="alert">${escapeHtml(answer.message)}</p>
<p>${back}</p>
</body></html>`;
  return new Response(html, { status: answer.status, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
}

/*
 * Any signed-in user gets to the domain call, so that every refused attempt is audited with who
 * made it (a cross-site post too: the edge's same-origin refusal is reported back here).
 */
export const POST = sessionRoute<{ batchId: string }>(
  ROUTE,
  'store:use',
  async ({ request, requestId, actor, params: { batchId } }) => {
    const raw = await readForm(request, MAX_FORM_BYTES).catch(async (error: unknown) => {
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
    return new Response(release.stream, {
      headers: {
        'content-type': release.contentType,
        'content-disposition': `attachment; filename="${release.fileName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
  {
    onRefusal: ({ actor, params }, reason) => recordReleaseRefusal(actor, params.batchId, reason),
    renderError,
  },
);
