/**
 * Like formAction, for server actions a client component calls directly and whose result is
 * data rather than a message (the store counter's steps): session and permission, zod parse of
 * the input (FormData or a plain object), the domain call, AppError → `{ ok: false }` with every
 * field's error. Anything unexpected is logged and thrown.
 */
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import type { UserActor } from '@/lib/auth/actor';
import type { Permission } from '@/lib/auth/permissions';
import { requireActor } from '@/lib/edge/session';
import { toAppError, type ErrorCode } from '@/lib/errors';
import { safeParseInput } from '@/lib/input/well-formed';
import { logger } from '@/lib/logger';
import type { FieldErrors } from './form-action';

export type DataResult<T> = { ok: true; data: T } | { ok: false; message: string; code: ErrorCode; fieldErrors?: FieldErrors; reason?: string };

function detailsOf(details: unknown): { fieldErrors?: FieldErrors; reason?: string } {
  if (typeof details !== 'object' || details === null) return {};
  const out: { fieldErrors?: FieldErrors; reason?: string } = {};
  if ('fieldErrors' in details) out.fieldErrors = details.fieldErrors as FieldErrors;
  if ('reason' in details && typeof details.reason === 'string') out.reason = details.reason;
  return out;
}

export function dataAction<S extends z.ZodType, T>(
  name: string,
  permission: Permission,
  schema: S,
  run: (actor: UserActor, input: z.output<S>) => Promise<T>,
) {
  return async (input: FormData | Record<string, unknown>): Promise<DataResult<T>> => {
    try {
      const actor = await requireActor(permission);
      // NUL characters and unpaired surrogates are field errors too (lib/input/well-formed.ts).
      const parsed = safeParseInput(schema, input instanceof FormData ? Object.fromEntries(input.entries()) : input);
      if (!parsed.success) {
        const fieldErrors: FieldErrors = {};
        for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? '_form')] ??= []).push(issue.message);
        return { ok: false, code: 'UNPROCESSABLE', message: 'Please correct the highlighted fields.', fieldErrors };
      }
      return { ok: true, data: await run(actor, parsed.data) };
    } catch (error) {
      // Next's redirect()/notFound() signals pass through untouched (not logged as failures).
      unstable_rethrow(error);
      const appError = toAppError(error);
      if (appError) return { ok: false, code: appError.code, message: appError.message, ...detailsOf(appError.details) };
      logger.error({ action: name, err: error }, 'server action failed');
      throw error;
    }
  };
}
