import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { recordAuditEvent, auditActor } from '@/lib/audit/record-audit-event';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { SetStoreLocaleInput } from './schemas';

/**
 * Sets the language a store's receipts print in (null: the account's default), whatever language
 * its clerks use on screen. HQ admins only; audited.
 */
export async function setStoreLocale(actor: UserActor, input: SetStoreLocaleInput): Promise<{ locale: string | null }> {
  assertCan(actor, 'stores:manage');
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.store.updateMany({ where: { id: input.storeId, accountId: actor.accountId }, data: { locale: input.locale } });
    if (count === 0) throw new AppError('NOT_FOUND', 'Store not found', undefined, userMessage('storeNotFound'));
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'store.set_locale',
        target: { type: 'store', id: input.storeId },
        data: { locale: input.locale },
      },
      tx,
    );
  });
  return { locale: input.locale };
}
