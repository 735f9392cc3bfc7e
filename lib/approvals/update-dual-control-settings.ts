import { auditActor } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { applyDualControlSettings } from './apply-dual-control-settings';
import { dualControlSettingsSchema, getDualControlSettings, isStricter, type DualControlSettings } from './dual-control-settings';
import { requestOrRun } from './request-or-run';
import type { UpdateDualControlInput } from './schemas';

/**
 * Changes the account's dual-control settings (HQ admins). A change that keeps every rule at
 * least as strict takes effect at once; any loosening (a higher threshold, a rule removed) is
 * itself a four-eyes step: it opens a request that another admin must approve (registry.ts
 * applies it then), so one admin cannot switch the control off alone. `amountThresholds` is a
 * patch over the current map: a currency set to null loses its rule.
 */
export async function updateDualControlSettings(actor: UserActor, input: UpdateDualControlInput) {
  assertCan(actor, 'settings:manage');
  const next = async (tx: Parameters<typeof getDualControlSettings>[1]): Promise<DualControlSettings> => {
    const before = await getDualControlSettings(actor.accountId, tx);
    const amountThresholds = { ...before.amountThresholds };
    for (const [currency, amount] of Object.entries(input.amountThresholds)) {
      if (amount === null || amount === undefined) delete amountThresholds[currency as keyof typeof amountThresholds];
      else amountThresholds[currency as keyof typeof amountThresholds] = amount;
    }
    return dualControlSettingsSchema.parse({
      printReleaseMaxCards: input.printReleaseMaxCards,
      amountThresholds,
      bulkExpiryNeedsApproval: input.bulkExpiryNeedsApproval,
    });
  };
  // Computed once outside for the payload, and re-derived inside the transaction for the decision.
  const settings = await next(undefined);
  return requestOrRun(actor, {
    kind: 'dual_control_settings',
    subject: `account:${actor.accountId}`,
    payload: settings,
    reason: input.reason,
    needsApproval: async (tx) => !isStricter(await getDualControlSettings(actor.accountId, tx), settings),
    run: (tx) => applyDualControlSettings(tx, { accountId: actor.accountId, settings, by: actorRef(actor), actor: auditActor(actor) }),
  });
}
