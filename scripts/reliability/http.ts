/**
 * HTTP helpers of the reliability sections: every request goes through `Client.fetch`, which
 * counts it into the run's total and can hand each response body to an observer (the leak search
 * reads every API response). Server actions are called exactly as the browser calls them: a POST
 * to a page that uses the action, with the `next-action` id from the build's manifest and the
 * arguments in React's reply encoding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReliabilityEnv } from './types';

export const DEMO_ACCOUNT = 'T12345678';
export const DEMO_PASSWORD = 'cardstock-demo';

export interface HttpResponse<T = unknown> {
  status: number;
  /** Parsed JSON body, or null. */
  body: T | null;
  text: string;
  headers: Headers;
}

export interface RequestOptions {
  method?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Objects are sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  cookie?: string;
  signal?: AbortSignal;
}

export type ResponseObserver = (url: string, text: string, headers: Headers) => void;

/** One server action's result, as far as the suite needs it. */
export interface ActionResult {
  status: number;
  /** The RSC payload. */
  text: string;
  /** The action returned `{ ok: true, … }`. */
  ok: boolean;
  headers: Headers;
}

interface ManifestEntry {
  exportedName?: string;
  filename?: string;
  workers?: Record<string, unknown>;
}

let manifestCache: Map<string, { id: string; page: string }> | undefined;

/**
 * name → action id and a page whose bundle holds it (from .next): a static one where there is
 * one, else the dynamic route's pattern (e.g. `/hq/print-runs/[batchId]/release`), which the
 * caller fills in.
 */
function actions(): Map<string, { id: string; page: string }> {
  if (manifestCache) return manifestCache;
  const file = path.resolve('.next/server/server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { node: Record<string, ManifestEntry> };
  manifestCache = new Map();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.exportedName) continue;
    const workers = Object.keys(entry.workers ?? {});
    const worker = workers.find((w) => !w.includes('[')) ?? workers[0];
    if (!worker) continue;
    const page = worker.replace(/^app/, '').replace(/\/page$/, '') || '/';
    manifestCache.set(entry.exportedName, { id, page });
  }
  return manifestCache;
}

export class Client {
  observer?: ResponseObserver;

  constructor(private readonly env: Pick<ReliabilityEnv, 'countRequests'>) {}

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    this.env.countRequests(1);
    return fetch(url, { redirect: 'manual', ...init });
  }

  /** A request whose whole body is read; JSON bodies are parsed. */
  async request<T = unknown>(base: string, urlPath: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const headers = new Headers(options.headers);
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    if (options.cookie) headers.set('cookie', options.cookie);
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    const url = new URL(urlPath, base).toString();
    const response = await this.fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, signal: options.signal });
    const text = await response.text();
    this.observer?.(url, text, response.headers);
    let parsed: T | null = null;
    try {
      parsed = text ? (JSON.parse(text) as T) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed, text, headers: response.headers };
  }

  /** A Wallet API access token for an API client (client credentials). */
  async apiToken(base: string, clientId: string, secret: string, accountId = DEMO_ACCOUNT): Promise<string> {
    const basic = Buffer.from(`${clientId}:${secret}`).toString('base64');
    const response = await this.request<{ access_token?: string }>(base, `/v1/accounts/${accountId}/auth/token`, {
      headers: { authorization: `Basic ${basic}` },
      body: { grant_type: 'client_credentials' },
    });
    if (response.status !== 200 || !response.body?.access_token) throw new Error(`token request answered ${response.status}: ${response.text.slice(0, 300)}`);
    return response.body.access_token;
  }

  /** Signs a staff user in through the Auth.js credentials flow; returns the cookie header. */
  async signIn(base: string, email: string, password = DEMO_PASSWORD): Promise<string> {
    const jar = new Map<string, string>();
    const take = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(';', 1)[0] ?? '';
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const value = pair.slice(eq + 1);
        if (value) jar.set(pair.slice(0, eq).trim(), value);
        else jar.delete(pair.slice(0, eq).trim());
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = await this.fetch(new URL('/api/auth/csrf', base).toString());
    take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const login = await this.fetch(new URL('/api/auth/callback/credentials', base).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: new URL('/', base).toString() }),
    });
    await login.arrayBuffer();
    take(login);
    if (![...jar.keys()].some((name) => name.includes('session-token'))) throw new Error(`sign-in as ${email} failed (${login.status})`);
    return cookie();
  }

  /**
   * Calls a server action as the browser does. `args` are the action's arguments; a FormData
   * argument (form actions: `(previousState, formData)`) is sent in React's multipart reply
   * encoding, anything else as the JSON reply. `params` fill a dynamic page's segments
   * (`{ batchId }` for an action only used on `/hq/print-runs/[batchId]/release`).
   */
  async action(base: string, cookie: string, name: string, args: unknown[], params: Record<string, string> = {}): Promise<ActionResult> {
    const entry = actions().get(name);
    if (!entry) throw new Error(`server action ${name} not in .next/server/server-reference-manifest.json: rebuild`);
    const page = entry.page.replace(/\[([^\]]+)\]/g, (segment, key: string) => {
      const value = params[key];
      if (value === undefined) throw new Error(`server action ${name} is posted to ${entry.page}: pass ${segment}`);
      return encodeURIComponent(value);
    });
    const headers: Record<string, string> = { 'next-action': entry.id, accept: 'text/x-component', cookie };
    let body: string | FormData;
    const formIndex = args.findIndex((a) => a instanceof FormData);
    if (formIndex >= 0) {
      const form = new FormData();
      const encoded = args.map((a, i) => (i === formIndex ? '$K1' : a === undefined ? '$undefined' : a));
      (args[formIndex] as FormData).forEach((value, key) => form.append(`_1_${key}`, value));
      form.set('0', JSON.stringify(encoded));
      body = form;
    } else {
      headers['content-type'] = 'text/plain;charset=UTF-8';
      body = JSON.stringify(args);
    }
    const url = new URL(page, base).toString();
    const response = await this.fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    this.observer?.(url, text, response.headers);
    return { status: response.status, text, ok: response.status === 200 && text.includes('"ok":true'), headers: response.headers };
  }
}

export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

/** Tallies statuses: `{ 200: 1, 409: 19 }`. */
export function tally(statuses: (number | string)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statuses) out[String(s)] = (out[String(s)] ?? 0) + 1;
  return out;
}

export function describeTally(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => `${v}× ${k}`)
    .join(', ');
}
