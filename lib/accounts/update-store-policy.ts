import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import type { UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import type { UpdateStorePolicyInput } from './schemas';

/** Replaces the account's store-counter policy and records who changed it. HQ admins only. */
export async function updateStorePolicy(actor: UserActor, input: UpdateStorePolicyInput) {
  assertCan(actor, 'settings:manage');
  await getDb().$transaction(async (tx) => {
    await tx.account.update({
      where: { id: actor.accountId },
      data: {
        cardDenominations: input.denominations.map(BigInt),
        cardMinAmount: input.minAmount === null ? null : BigInt(input.minAmount),
        cardMaxAmount: input.maxAmount === null ? null : BigInt(input.maxAmount),
        cardExpiryMonths: input.expiryMonths,
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
  });
}
