/**
 * The checks both steps of the secrets release share (the download, lib/print-runs/release-secrets.ts,
 * and its confirmation, lib/print-runs/confirm-release.ts): HQ admin, own account, the admin's
 * password re-entered under one failure limit. Every refusal is audited before it is thrown.
 */
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { verifyPassword } from '@/lib/auth/password';
import { describeActorRefs } from '@/lib/auth/describe-actor-refs';
import { getDb } from '@/lib/db/client';
import { AppError, isAppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { Batch } from '@/lib/generated/prisma/client';

/** Wrong passwords per admin within the window before release steps are refused for a while. */
export const MAX_PASSWORD_FAILURES = 5;
const PASSWORD_FAILURE_WINDOW_MS = 15 * 60_000;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function batchTarget(batchId: string) {
  return { type: 'batch', id: batchId };
}

export async function findReleaseBatch(actor: UserActor, batchId: string): Promise<Batch> {
  // Checked first: a malformed id would otherwise be a database error on the uuid column.
  const batch = UUID.test(batchId) ? await getDb().batch.findFirst({ where: { id: batchId, accountId: actor.accountId } }) : null;
  if (!batch) throw new AppError('NOT_FOUND', 'Print run not found', undefined, userMessage('printRunNotFound'));
  return batch;
}

/** The email behind a `user:<id>` reference, for people to read; the reference itself otherwise. */
export async function describeActorRef(accountId: string, ref: string | null): Promise<string> {
  if (!ref) return 'unknown';
  return (await describeActorRefs(accountId, [ref]))(ref);
}

/** The audit actions of a refused release step (lib/audit/catalogue.ts). */
export type RefusalAction = 'secrets.release_refused' | 'secrets.release_refused_password' | 'secrets.confirm_refused';
export type Refuse = (action: RefusalAction, reason: string, error: AppError, data?: Record<string, string>) => Promise<never>;

/** Audits a refusal (outside any transaction, so the row stays although the request fails) and throws `error`. */
export function refuser(actor: UserActor, batchId: string): Refuse {
  return async (action, reason, error, data = {}) => {
    await recordAuditEvent({ accountId: actor.accountId, actor: auditActor(actor), action, target: batchTarget(batchId), data: { reason, ...data } });
    throw error;
  };
}

/**
 * The permission, the batch (own account) and the re-entered password. Wrong passwords, from
 * either step, count against one limit: MAX_PASSWORD_FAILURES per admin within 15 minutes.
 */
export async function authorizeRelease(actor: UserActor, batchId: string, password: string, refuse: Refuse, step: 'download' | 'confirm'): Promise<Batch> {
  const data: Record<string, string> = step === 'confirm' ? { step } : {};
  try {
    assertCan(actor, 'secrets:release');
  } catch (error) {
    if (isAppError(error) && UUID.test(batchId)) await refuse('secrets.release_refused', 'permission', error, data);
    throw error;
  }
  const batch = await findReleaseBatch(actor, batchId);
  const db = getDb();
  const recentFailures = await db.auditEvent.count({
    where: {
      accountId: actor.accountId,
      actorType: 'USER',
      actorId: actor.userId,
      action: 'secrets.release_refused_password',
      createdAt: { gte: new Date(Date.now() - PASSWORD_FAILURE_WINDOW_MS) },
    },
  });
  if (recentFailures >= MAX_PASSWORD_FAILURES) {
    const message = 'Too many incorrect passwords. Try again in 15 minutes.';
    await refuse(
      'secrets.release_refused',
      'too_many_password_failures',
      new AppError('LIMIT_EXCEEDED', message, { fieldErrors: { password: [message] } }, userMessage('tooManyPasswords')),
      data,
    );
  }
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    await refuse(
      'secrets.release_refused_password',
      'password',
      new AppError('FORBIDDEN', 'Password incorrect', { fieldErrors: { password: ['Password incorrect'] } }, userMessage('passwordIncorrect')),
      data,
    );
  }
  return batch;
}
