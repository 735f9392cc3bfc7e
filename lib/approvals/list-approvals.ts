import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { describeActorRefs } from '@/lib/auth/describe-actor-refs';
import { getDb } from '@/lib/db/client';
import { approvalView } from './views';

/**
 * HQ's approvals page: the pending requests this admin may decide (not their own, not ones they
 * are excluded from), oldest first, and their own recent requests with their status.
 */
export async function listApprovals(actor: UserActor) {
  assertCan(actor, 'approvals:decide');
  const me = actorRef(actor);
  const now = new Date();
  const db = getDb();
  const [waiting, mine] = await Promise.all([
    db.approvalRequest.findMany({
      where: { accountId: actor.accountId, status: 'PENDING', expiresAt: { gt: now }, requestedBy: { not: me }, NOT: { excludedApprovers: { has: me } } },
      orderBy: { createdAt: 'asc' },
      take: 100,
    }),
    db.approvalRequest.findMany({ where: { accountId: actor.accountId, requestedBy: me }, orderBy: { createdAt: 'desc' }, take: 50 }),
  ]);
  const describe = await describeActorRefs(
    actor.accountId,
    [...waiting, ...mine].flatMap((r) => [r.requestedBy, r.approvedBy, r.rejectedBy]),
  );
  return { waiting: waiting.map((r) => approvalView(r, describe, now)), mine: mine.map((r) => approvalView(r, describe, now)) };
}
