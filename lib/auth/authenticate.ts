/**
 * Email + password sign-in, used by the next-auth Credentials provider. Unknown email and wrong
 * password are indistinguishable to the caller (same result, same time, same lockout). A disabled
 * account is reported as such only to someone who knows its password. Repeated failures lock the
 * email (and the client address) for a while: lib/auth/login-throttle.ts.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { safeParseInput } from '@/lib/input/well-formed';
import { beginSignInAttempt, endSignInAttempt } from './login-throttle';
import { verifyAgainstDummy, verifyPassword } from './password';
import { isRole, type Role } from './permissions';

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(validationText('validEmail')).max(254),
  password: z.string().min(1, validationText('enterPassword')).max(1024),
});

export type AuthenticatedUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  accountId: string;
  storeId: string | null;
};

export type AuthenticateResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: 'invalid_credentials' | 'disabled' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/** `address`: the client's address when known, for the per-address limit. */
export async function authenticate(input: unknown, context: { address?: string | null } = {}): Promise<AuthenticateResult> {
  // A NUL in the email would be a database error, not a failed sign-in.
  const parsed = safeParseInput(credentialsSchema, input);
  if (!parsed.success) return { ok: false, reason: 'invalid_credentials' };
  const { email, password } = parsed.data;
  const source = { email, address: context.address };

  const db = getDb();
  const attempt = await beginSignInAttempt(source);
  const user = await db.user.findUnique({ where: { email }, include: { store: true } });
  if (!attempt.allowed) {
    if (user) {
      await recordAuditEvent({
        accountId: user.accountId,
        actor: { type: 'USER', id: user.id },
        action: 'auth.login_locked',
        target: { type: 'user', id: user.id },
      });
    }
    return { ok: false, reason: 'locked', retryAfterSeconds: attempt.retryAfterSeconds };
  }
  if (!user) {
    await verifyAgainstDummy(password);
    return { ok: false, reason: 'invalid_credentials' };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    await recordAuditEvent({
      accountId: user.accountId,
      actor: { type: 'USER', id: user.id },
      action: 'auth.login_failed',
      target: { type: 'user', id: user.id },
    });
    return { ok: false, reason: 'invalid_credentials' };
  }
  // The right password: not a guess, whatever follows.
  await endSignInAttempt(source, 'success');
  if (user.isDisabled || (user.store?.isDisabled ?? false) || !isRole(user.role)) {
    await recordAuditEvent({
      accountId: user.accountId,
      actor: { type: 'USER', id: user.id },
      action: 'auth.login_refused_disabled',
      target: { type: 'user', id: user.id },
    });
    return { ok: false, reason: 'disabled' };
  }

  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAuditEvent({
    accountId: user.accountId,
    actor: { type: 'USER', id: user.id },
    action: 'auth.login',
    target: { type: 'user', id: user.id },
  });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      accountId: user.accountId,
      storeId: user.storeId,
    },
  };
}
