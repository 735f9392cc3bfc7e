import { describe, expect, it } from 'vitest';
import type { ApiClientActor, UserActor } from './actor';
import { actorRef, parseActorRef, userIdsOf } from './actor-ref';

const userId = '0b9f6a3e-3c2d-4e5f-8a9b-0c1d2e3f4a5b';
const user = { kind: 'user', userId } as UserActor;
const client = { kind: 'api_client', clientId: 'till-7' } as ApiClientActor;

describe('actor references', () => {
  it('round-trips a user and an API client', () => {
    expect(parseActorRef(actorRef(user))).toEqual({ kind: 'user', userId });
    expect(parseActorRef(actorRef(client))).toEqual({ kind: 'api_client', clientId: 'till-7' });
  });

  it('reads anything else as other, never as a user', () => {
    for (const ref of ['reliability', 'user:not-a-uuid', `user:${userId}x`, 'api_client:', 'e2e']) expect(parseActorRef(ref)).toEqual({ kind: 'other', ref });
  });

  it('lists each user once', () => {
    expect(userIdsOf([actorRef(user), null, 'api_client:till-7', actorRef(user), undefined])).toEqual([userId]);
  });
});
