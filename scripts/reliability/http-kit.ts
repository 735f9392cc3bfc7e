/**
 * Small HTTP clients the reliability sections share: a cookie session signed in through the
 * next-auth credentials flow, server actions called the way the React client calls them (POST
 * with the `Next-Action` header and the action's id from the build), and Wallet API calls.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  json: unknown;
}

async function answer(response: Response): Promise<HttpAnswer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Counts every request sent, for the report's total. */
export class Http {
  requests = 0;
  constructor(readonly baseUrl: string) {}

  async send(pathOrUrl: string, init: RequestInit = {}): Promise<HttpAnswer> {
    this.requests += 1;
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(30_000), ...init });
    return answer(response);
  }
}

/** A browser's cookie jar for one signed-in (or signed-out) user. */
export class Session {
  private jar = new Map<string, string>();
  private extraHeaders: Record<string, string> = {};
  constructor(
    readonly http: Http,
    readonly label: string,
  ) {}

  /** Another browser with the same cookies (and headers) now; they part ways from here. */
  clone(): Session {
    const copy = new Session(this.http, this.label);
    copy.jar = new Map(this.jar);
    copy.extraHeaders = { ...this.extraHeaders };
    return copy;
  }

  /** Sends these headers with every request too (e.g. a bearer token). */
  withHeaders(headers: Record<string, string>): this {
    this.extraHeaders = { ...this.extraHeaders, ...headers };
    return this;
  }

  take(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const pair = line.split(';', 1)[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1);
      if (value) this.jar.set(name, value);
      else this.jar.delete(name);
    }
  }

  cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  setCookie(name: string, value: string) {
    this.jar.set(name, value);
  }

  async send(pathOrUrl: string, init: RequestInit = {}): Promise<HttpAnswer> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.extraHeaders)) if (!headers.has(k)) headers.set(k, v);
    const cookie = this.cookie();
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    const result = await this.http.send(pathOrUrl, { ...init, headers });
    this.take(result.headers);
    return result;
  }

  async signIn(email: string, password: string): Promise<this> {
    const csrf = await this.send('/api/auth/csrf');
    const { csrfToken } = csrf.json as { csrfToken: string };
    const login = await this.send('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${this.http.baseUrl}/` }),
    });
    if (!this.cookie().includes('session-token')) throw new Error(`Sign-in as ${email} failed (${login.status} ${login.headers.get('location')}).`);
    return this;
  }
}

export interface ActionRef {
  id: string;
  /** The app pages (e.g. `/store/today`) whose bundle holds the action: where the UI posts it. */
  pages: string[];
}

/** Server action ids of the build in .next, by `file#exportName` (file relative to the repo). */
export function readActionIds(root = process.cwd()): Map<string, ActionRef> {
  const manifest = JSON.parse(readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }>;
  };
  const ids = new Map<string, ActionRef>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.exportedName || !entry.filename) continue;
    const pages = Object.keys(entry.workers ?? {}).map((w) => `/${w.replace(/^app\//, '').replace(/\/?page$/, '')}`);
    ids.set(`${entry.filename}#${entry.exportedName}`, { id, pages });
  }
  return ids;
}

export interface ActionAnswer extends HttpAnswer {
  /** `{ok: …}` of the action's result when the RSC payload carries one. */
  ok: boolean | undefined;
  /** The result's message (or error message), when there is one. */
  message: string | undefined;
  /** Where the action redirected (redirect() in the action, or a proxy redirect). */
  redirect: string | undefined;
}

function readActionResult(text: string): { ok: boolean | undefined; message: string | undefined } {
  // The RSC payload is rows `<id>:<json>`, but long strings travel as text rows (`<id>:T<len>,…`)
  // with no line break after them, so the result row is found by its fields, not by line.
  const unescape = (raw: string | undefined) => (raw === undefined ? undefined : (JSON.parse(`"${raw}"`) as string));
  const ok = /\{"ok":(true|false)\b/.exec(text);
  if (ok) {
    const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(text.slice(ok.index));
    return { ok: ok[1] === 'true', message: unescape(message?.[1]) };
  }
  // Results without `ok` (the login form's state): a message means a refusal.
  const message = /\{"message":"((?:[^"\\]|\\.)*)"/.exec(text);
  return message ? { ok: false, message: unescape(message[1]) } : { ok: undefined, message: undefined };
}

/**
 * Calls a server action directly, as the React client does. `form` actions get
 * `(previousState = null, formData)` as multipart (React's reply encoding of a FormData argument);
 * `data` actions get one plain object as JSON.
 */
export async function callAction(
  session: Session,
  action: ActionRef,
  call: { kind: 'form'; fields: Record<string, string> } | { kind: 'data'; input: unknown },
  options: { page?: string } = {},
): Promise<ActionAnswer> {
  const page = options.page ?? action.pages[0] ?? '/';
  const headers: Record<string, string> = { 'next-action': action.id, accept: 'text/x-component', origin: session.http.baseUrl };
  let body: BodyInit;
  if (call.kind === 'data') {
    headers['content-type'] = 'text/plain;charset=UTF-8';
    body = JSON.stringify([call.input]);
  } else {
    // React's encodeReply: the FormData argument's entries under the `_1_` prefix, then the root
    // row `0` (the argument list) last — the server resolves `$K1` from the fields before it.
    const form = new FormData();
    for (const [key, value] of Object.entries(call.fields)) form.append(`_1_${key}`, value);
    form.append('0', JSON.stringify([null, '$K1']));
    body = form;
  }
  const result = await session.send(page, { method: 'POST', headers, body });
  const location = result.headers.get('x-action-redirect')?.split(';')[0] ?? result.headers.get('location') ?? undefined;
  return { ...result, ...readActionResult(result.text), redirect: location ?? undefined };
}

/** A Wallet API client: client-credentials token, then bearer calls. */
export class ApiClient {
  token = '';
  constructor(
    readonly http: Http,
    readonly accountId: string,
    readonly clientId: string,
    readonly secret: string,
  ) {}

  basic(): string {
    return `Basic ${Buffer.from(`${this.clientId}:${this.secret}`).toString('base64')}`;
  }

  async getToken(): Promise<this> {
    const result = await this.http.send(`/v1/accounts/${this.accountId}/auth/token`, {
      method: 'POST',
      headers: { authorization: this.basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    const token = (result.json as { access_token?: string } | undefined)?.access_token;
    if (result.status !== 200 || !token) throw new Error(`Token for ${this.clientId} failed: ${result.status} ${result.text.slice(0, 200)}`);
    this.token = token;
    return this;
  }

  async call(
    method: string,
    pathUnderAccount: string,
    body?: unknown,
    options: { accountId?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, ...options.headers };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      headers['content-type'] ??= 'application/json';
    }
    return this.http.send(`/v1/accounts/${options.accountId ?? this.accountId}${pathUnderAccount}`, { method, headers, body: payload });
  }
}

/** True when the body is the Wallet API's error shape `{error:{code,message}}`. */
export function isErrorShape(json: unknown): json is { error: { code: string; message: string } } {
  if (!json || typeof json !== 'object' || !('error' in json)) return false;
  const error = (json as { error: unknown }).error;
  return (
    !!error &&
    typeof error === 'object' &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}
