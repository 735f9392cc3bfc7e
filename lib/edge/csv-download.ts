/**
 * A CSV file as a route handler's answer, streamed pull-based from an async generator of text
 * chunks: the next chunk (a page of rows) is read only when the client has taken the previous one,
 * so a million-row export never sits in memory. A failure mid-stream is logged with the route and
 * request id and ends the response as an error; a client that hangs up stops the generator.
 */
import { logger } from '@/lib/logger';

export function csvDownload(
  file: { filename: string; rows: AsyncGenerator<string, void, unknown> },
  log: { route: string; requestId: string; what: string },
): Response {
  const { filename, rows } = file;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        logger.error({ err: error, route: log.route, requestId: log.requestId }, `${log.what} failed mid-stream`);
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
}
