import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { updateWalletSettings } from '@/lib/wallet-settings/update-wallet-settings';
import type { UpdateStorePolicyInput } from './schemas';

/**
 * Replaces the account's store-counter policy and records who changed it. HQ admins only. The
 * default validity goes to the wallet settings (the same setting as PATCH /wallets/settings).
 */
export async function updateStorePolicy(actor: UserActor, input: UpdateStorePolicyInput) {
  assertCan(actor, 'settings:manage');
  await getDb().$transaction(async (tx) => {
    await tx.account.update({
      where: { id: actor.accountId },
      data: {
        cardDenominations: input.denominations.map(BigInt),
        cardMinAmount: input.minAmount === null ? null : BigInt(input.minAmount),
        cardMaxAmount: input.maxAmount === null ? null : BigInt(input.maxAmount),
        timeZone: input.timeZone,
      },
    });
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'account.store_policy_update',
        target: { type: 'account', id: actor.accountId },
        data: { ...input },
      },
      tx,
    );
    // The default validity is the Wallet API's setting: written (and audited) through its one owner.
    await updateWalletSettings(actor, { default_card_expires_in_days: input.expiryDays }, tx);
  });
}
