import { getDb } from '@/lib/db/client';
import { parseActorRef, userIdsOf } from './actor-ref';

/**
 * Turns actor references (lib/auth/actor-ref.ts) into what a person recognises: a user's email
 * (or "a removed user"), "API client <id>", anything else as it is. One query for all of them.
 */
export async function describeActorRefs(accountId: string, refs: readonly (string | null)[]): Promise<(ref: string) => string> {
  const userIds = userIdsOf(refs);
  const users = userIds.length ? await getDb().user.findMany({ where: { accountId, id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const emails = new Map(users.map((u) => [u.id, u.email]));
  return (ref) => {
    const parsed = parseActorRef(ref);
    if (parsed.kind === 'user') return emails.get(parsed.userId) ?? 'a removed user';
    if (parsed.kind === 'api_client') return `API client ${parsed.clientId}`;
    return ref;
  };
}
