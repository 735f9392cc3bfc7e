/**
 * Small helpers for HTTP tests (`*.http.test.ts`, the `api` vitest project) against the real
 * server started by lib/testing/http-global-setup.ts.
 */
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { createDbClient } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export { TEST_SECRETS_KEY } from './test-keys';

declare module 'vitest' {
  export interface ProvidedContext {
    /** e.g. http://127.0.0.1:41234 */
    apiBaseUrl: string;
    /** The database the server uses (migrated, demo data seeded). */
    apiDatabaseUrl: string;
    /** The server's stdout + stderr. */
    apiServerLog: string;
  }
}

export function apiBaseUrl(): string {
  return inject('apiBaseUrl');
}

export function apiUrl(path: string): string {
  return new URL(path, apiBaseUrl()).toString();
}

export interface ApiResponse<T> {
  status: number;
  /** The parsed JSON body; null when empty or not JSON. */
  body: T | null;
  /** The raw body. */
  text: string;
  headers: Headers;
}

export interface ApiFetchOptions {
  method?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Objects are sent as JSON; a string is sent as is (with content-type JSON unless headers say otherwise). */
  body?: unknown;
  headers?: Record<string, string>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test convenience: callers narrow it
export async function apiFetch<T = any>(path: string, options: ApiFetchOptions = {}): Promise<ApiResponse<T>> {
  const headers = new Headers(options.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const response = await fetch(apiUrl(path), {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  let parsed: T | null = null;
  if (text) {
    try {
      parsed = JSON.parse(text) as T;
    } catch {
      parsed = null;
    }
  }
  return { status: response.status, body: parsed, text, headers: response.headers };
}

/** Client-credentials token from `POST /v1/accounts/{accountId}/auth/token` (HTTP Basic auth). */
export async function getApiToken(options: { clientId: string; clientSecret: string; accountId: string }): Promise<string> {
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
  const path = `/v1/accounts/${encodeURIComponent(options.accountId)}/auth/token`;
  const response = await apiFetch<{ access_token?: string }>(path, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}` },
    body: { grant_type: 'client_credentials', audience: `${apiBaseUrl()}/v1/accounts/${options.accountId}` },
  });
  const token = response.body?.access_token;
  if (response.status !== 200 || typeof token !== 'string') {
    throw new Error(`POST ${path} answered ${response.status}: ${response.text.slice(0, 500)}`);
  }
  return token;
}

/**
 * Signs a staff user in through the next-auth credentials flow and returns the `cookie` header
 * value carrying the session (pass it as `headers: { cookie }`).
 */
export async function signIn(email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (value) jar.set(name, value);
      else jar.delete(name); // a cleared cookie
    }
  };
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

  const csrfResponse = await fetch(apiUrl('/api/auth/csrf'));
  remember(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };

  const response = await fetch(apiUrl('/api/auth/callback/credentials'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: apiUrl('/') }),
    redirect: 'manual',
  });
  await response.arrayBuffer();
  remember(response);
  if (![...jar.keys()].some((name) => name.includes('session-token'))) {
    throw new Error(`Sign-in as ${email} failed (status ${response.status}, location ${response.headers.get('location')}).`);
  }
  return cookieHeader();
}

/** A Prisma client on the server's database, for assertions. Call `$disconnect()` in afterAll. */
export function openApiDb(): PrismaClient {
  return createDbClient(inject('apiDatabaseUrl'), { max: 5 });
}

/** The server's log so far. */
export async function readServerLog(): Promise<string> {
  return readFile(inject('apiServerLog'), 'utf8');
}
