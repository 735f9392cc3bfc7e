/**
 * Actor references, the text recorded in created_by / activated_by / audit columns:
 * `user:<user id>` for a person, `api_client:<client id>` for a machine client. Built and read
 * here only, never by string handling of one's own.
 */
import type { Actor } from './actor';

export type ParsedActorRef = { kind: 'user'; userId: string } | { kind: 'api_client'; clientId: string } | { kind: 'other'; ref: string };

const USER_REF = /^user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const API_CLIENT_PREFIX = 'api_client:';

export function actorRef(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : `${API_CLIENT_PREFIX}${actor.clientId}`;
}

/** What a reference names; anything else (scripts' `reliability`, `e2e`, …) is `other`. */
export function parseActorRef(ref: string): ParsedActorRef {
  const userId = USER_REF.exec(ref)?.[1];
  if (userId) return { kind: 'user', userId };
  if (ref.startsWith(API_CLIENT_PREFIX) && ref.length > API_CLIENT_PREFIX.length) return { kind: 'api_client', clientId: ref.slice(API_CLIENT_PREFIX.length) };
  return { kind: 'other', ref };
}

/** The distinct user ids among `refs`, for one lookup of their names. */
export function userIdsOf(refs: readonly (string | null | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const ref of refs) {
    const parsed = ref ? parseActorRef(ref) : null;
    if (parsed?.kind === 'user') ids.add(parsed.userId);
  }
  return [...ids];
}
