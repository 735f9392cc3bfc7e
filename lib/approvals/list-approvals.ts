import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { describeActorRefs } from '@/lib/auth/describe-actor-refs';
import { getDb } from '@/lib/db/client';
import { approvalView } from './views';

/**
 * HQ's approvals page: the pending requests this admin may decide (not their own, not ones they
 * are excluded from), oldest first; their own recent requests with their status; and the ones
 * they decided lately.
 */
export async function listApprovals(actor: UserActor) {
  assertCan(actor, 'approvals:decide');
  const me = actorRef(actor);
  const now = new Date();
  const db = getDb();
  const [waiting, mine, decided] = await Promise.all([
    db.approvalRequest.findMany({
      where: { accountId: actor.accountId, status: 'PENDING', expiresAt: { gt: now }, requestedBy: { not: me }, NOT: { excludedApprovers: { has: me } } },
      orderBy: { createdAt: 'asc' },
      take: 100,
    }),
    db.approvalRequest.findMany({ where: { accountId: actor.accountId, requestedBy: me }, orderBy: { createdAt: 'desc' }, take: 50 }),
    db.approvalRequest.findMany({
      where: { accountId: actor.accountId, OR: [{ approvedBy: me }, { rejectedBy: me, requestedBy: { not: me } }] },
      orderBy: { createdAt: 'desc' },
      take: 20,
    }),
  ]);
  const describe = await describeActorRefs(
    actor.accountId,
    [...waiting, ...mine, ...decided].flatMap((r) => [r.requestedBy, r.approvedBy, r.rejectedBy]),
  );
  const view = (r: (typeof waiting)[number]) => approvalView(r, describe, now);
  return { waiting: waiting.map(view), mine: mine.map(view), decided: decided.map(view) };
}
