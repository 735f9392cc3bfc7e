import type { Role } from './permissions';

/** The signed-in person a domain function acts for. Loaded fresh from the database per request. */
export interface UserActor {
  kind: 'user';
  userId: string;
  email: string;
  name: string;
  role: Role;
  accountId: string;
  accountName: string;
  storeId: string | null;
  storeName: string | null;
}

/** A machine client of the API (tills, web shops). */
export interface ApiClientActor {
  kind: 'api_client';
  apiClientId: string;
  clientId: string;
  accountId: string;
  scopes: string[];
  /** The store this client is the till of (HQ → API clients); its sales and redemptions are booked there. */
  storeId?: string | null;
}

export type Actor = UserActor | ApiClientActor;

/** The store an actor works at, if any: a clerk's store, a till client's store. Ledger rows record it. */
export function actorStoreId(actor: Actor): string | null {
  return actor.storeId ?? null;
}

/** The id recorded in created_by / audit columns (lib/auth/actor-ref.ts). */
export { actorRef } from './actor-ref';
