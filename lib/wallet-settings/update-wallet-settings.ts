import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Actor } from '@/lib/auth/actor';
import { actorRef, authorizeActor } from '@/lib/auth/authorize-actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { UpdateWalletSettingsInput } from './schemas';
import { walletSettingsView } from './wallet-settings';

/**
 * PATCH /wallets/settings (and the HQ settings page): changes the fields sent, records who and
 * when, and audits old and new values. HQ admins, or API clients with admin/write scope.
 */
export async function updateWalletSettings(actor: Actor, input: UpdateWalletSettingsInput, tx?: DbTx) {
  authorizeActor(actor, { permission: 'settings:manage', apiOperation: 'settings:write' });
  const run = async (db: DbTx) => {
    const by = actorRef(actor);
    const before = await db.walletSettings.findUnique({ where: { accountId: actor.accountId } });
    const changes = input.default_card_expires_in_days === undefined ? {} : { defaultCardExpiresInDays: input.default_card_expires_in_days };
    const row = await db.walletSettings.upsert({
      where: { accountId: actor.accountId },
      create: { accountId: actor.accountId, ...changes, createdBy: by, updatedBy: by },
      update: { ...changes, updatedAt: new Date(), updatedBy: by },
    });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'account.wallet_settings_update',
        target: { type: 'account', id: actor.accountId },
        data: {
          before: { default_card_expires_in_days: before?.defaultCardExpiresInDays ?? null },
          after: { default_card_expires_in_days: row.defaultCardExpiresInDays },
        },
      },
      db,
    );
    return walletSettingsView(row);
  };
  return tx ? run(tx) : getDb().$transaction(run);
}
