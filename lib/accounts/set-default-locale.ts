import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { SetDefaultLocaleInput } from './schemas';

/**
 * Sets the account's default UI language: what users who have not chosen one read, and what
 * stores without their own receipt language print in. HQ admins only; audited (before/after).
 */
export async function setDefaultLocale(actor: UserActor, input: SetDefaultLocaleInput): Promise<{ locale: string }> {
  assertCan(actor, 'settings:manage');
  await getDb().$transaction(async (tx) => {
    const before = await tx.account.findUniqueOrThrow({ where: { id: actor.accountId }, select: { defaultLocale: true } });
    await tx.account.update({ where: { id: actor.accountId }, data: { defaultLocale: input.locale } });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'account.default_locale_update',
        target: { type: 'account', id: actor.accountId },
        data: { before: before.defaultLocale, after: input.locale },
      },
      tx,
    );
  });
  return { locale: input.locale };
}
