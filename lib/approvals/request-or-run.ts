import type { UserActor } from '@/lib/auth/actor';
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { ApprovalRequest } from '@/lib/generated/prisma/client';
import type { ApprovalKind } from './kinds';
import { APPROVAL_REGISTRY } from './registry';
import { requestApproval, type NewApprovalRequest } from './request-approval';

export type RequestOrRunResult<T> = { status: 'executed'; result: T } | { status: 'pending'; request: ApprovalRequest };

/**
 * The one entry point of a guarded operation (lib/approvals/README.md): in one transaction,
 * decides whether this change needs a second admin (`needsApproval`, read inside the transaction
 * so it sees the settings as they are now); if not, `run`s it at once; if so, opens a request
 * whose payload the kind's executor (registry.ts) carries out when another admin approves.
 * A request needs a reason (INVALID_INPUT with a `reason` field error without one). The caller
 * has authorized the actor for the operation itself.
 */
export async function requestOrRun<T>(
  actor: UserActor,
  input: Omit<NewApprovalRequest, 'reason'> & {
    reason?: string;
    needsApproval: (tx: DbTx) => Promise<boolean> | boolean;
    run: (tx: DbTx) => Promise<T>;
  },
): Promise<RequestOrRunResult<T>> {
  if (!APPROVAL_REGISTRY[input.kind as ApprovalKind]?.execute) throw new Error(`approval kind ${input.kind} has no executor in lib/approvals/registry.ts`);
  return getDb().$transaction(async (tx) => {
    if (!(await input.needsApproval(tx))) return { status: 'executed' as const, result: await input.run(tx) };
    const reason = input.reason?.trim() ?? '';
    if (reason.length < 3) {
      const message = 'This change needs a second admin’s approval: give a reason for them (at least 3 characters).';
      throw new AppError('INVALID_INPUT', message, { fieldErrors: { reason: [message] } }, userMessage('approvalNeedsReason'));
    }
    const request = { kind: input.kind, subject: input.subject, payload: input.payload, reason, excludedApprovers: input.excludedApprovers };
    return { status: 'pending' as const, request: await requestApproval(tx, actor, request) };
  });
}
