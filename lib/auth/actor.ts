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
}

export type Actor = UserActor | ApiClientActor;

/** The id recorded in created_by / audit columns (lib/auth/actor-ref.ts). */
export { actorRef } from './actor-ref';
