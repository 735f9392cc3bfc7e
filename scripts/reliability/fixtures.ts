/**
 * What the reliability sections do to a running app, as its users do it: Wallet API calls of a
 * till integration, the HQ order form, the one-time print-file download. Everything goes over
 * HTTP through `Client` (so it is counted); only waiting for a print run polls the database.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '@/lib/auth/password';
import { Client, DEMO_ACCOUNT, DEMO_PASSWORD, form, type HttpResponse } from './http';

export const WALLET = `/v1/accounts/${DEMO_ACCOUNT}/wallets`;

export function uniqueId(prefix = 'rel'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export interface IssuedCard {
  cardId: string;
  token: string;
  pin: string;
}

interface BatchBody {
  cards: { card_id: string; card_token: { token: { value: string } }; pin: { pin: { value: string } } }[];
}

/** Secret formats long enough that a hit in a search is never a coincidence. */
export const LONG_SECRETS = {
  pin: { format: { length: 12, numbers: true, characters: true } },
  card_token: { format: { length: 24, numbers: true, characters: true } },
};

export async function createBatch(client: Client, base: string, token: string, cardIds: string[], options?: unknown): Promise<HttpResponse<BatchBody>> {
  return client.request<BatchBody>(base, `${WALLET}/cards/batch`, {
    token,
    body: { cards: cardIds.map((card_id) => ({ card_id, type: 'gift_card' })), ...(options ? { options } : {}) },
  });
}

export async function issueCards(client: Client, base: string, token: string, count: number, options?: unknown): Promise<IssuedCard[]> {
  const ids = Array.from({ length: count }, () => uniqueId('gc'));
  const response = await createBatch(client, base, token, ids, options);
  if (response.status !== 200 || !response.body) throw new Error(`batch answered ${response.status}: ${response.text.slice(0, 300)}`);
  return response.body.cards.map((c) => ({ cardId: c.card_id, token: c.card_token.token.value, pin: c.pin.pin.value }));
}

export async function activate(client: Client, base: string, token: string, cardId: string, amount: number) {
  return client.request(base, `${WALLET}/cards/${encodeURIComponent(cardId)}/activate`, { token, body: { amount, currency: 'NOK' } });
}

export async function activeCard(client: Client, base: string, token: string, amount: number, options?: unknown): Promise<IssuedCard> {
  const [card] = await issueCards(client, base, token, 1, options);
  const response = await activate(client, base, token, card!.cardId, amount);
  if (response.status !== 200) throw new Error(`activation answered ${response.status}: ${response.text.slice(0, 300)}`);
  return card!;
}

export async function drawdown(
  client: Client,
  base: string,
  token: string,
  card: IssuedCard,
  amount: number,
  refId = uniqueId('ref'),
  extra: Record<string, unknown> = {},
) {
  return client.request<{ id?: string }>(base, `${WALLET}/transactions`, {
    token,
    body: { ref_id: refId, amount, currency: 'NOK', token: card.token, ...extra },
  });
}

/** An HQ admin besides the demo one (for "two admins release at once"). */
export async function createAdmin(db: pg.Pool, email: string): Promise<void> {
  await db.query(
    `INSERT INTO users (id, account_id, email, name, password_hash, role, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'Second Admin', $3, 'HQ_ADMIN', now())`,
    [DEMO_ACCOUNT, email, await hashPassword(DEMO_PASSWORD)],
  );
}

/** A new API client of the demo account (so one client's unknown-card cap never colours a probe); returns its token. */
export async function createApiClient(client: Client, base: string, db: pg.Pool, scopes = ['admin:wallets']): Promise<string> {
  const clientId = uniqueId('client');
  const secret = randomBytes(18).toString('base64url');
  await db.query(
    `INSERT INTO api_clients (id, account_id, client_id, name, secret_hash, scopes, created_by) VALUES (gen_random_uuid(), $1, $2, 'reliability', $3, $4, 'reliability')`,
    [DEMO_ACCOUNT, clientId, await hashPassword(secret), scopes],
  );
  return client.apiToken(base, clientId, secret);
}

export interface PrintRunOrder {
  quantity: number;
  prefix: string;
  start?: number;
  pinLength?: number;
  tokenLength?: number;
}

/** The HQ order form's fields, as the browser sends them. */
export function printRunForm(order: PrintRunOrder): FormData {
  return form({
    quantity: String(order.quantity),
    type: 'gift_card',
    idPrefix: order.prefix,
    startSequence: String(order.start ?? 1),
    padWidth: '8',
    luhn: 'on',
    pinLength: String(order.pinLength ?? 12),
    pinPrefix: '',
    pinNumbers: 'on',
    pinCharacters: 'on',
    tokenLength: String(order.tokenLength ?? 24),
    tokenPrefix: '',
    tokenNumbers: 'on',
    tokenCharacters: 'on',
    tokenBarcode: 'on',
    manufacturer: 'Reliability Print Co',
    purchaseOrder: '',
    note: '',
  });
}

/** Orders a print run through the HQ form's server action; returns the new batch id, or null when refused. */
export async function orderPrintRun(client: Client, base: string, cookie: string, db: pg.Pool, order: PrintRunOrder): Promise<string | null> {
  const result = await client.action(base, cookie, 'orderPrintRunAction', [null, printRunForm(order)]);
  const redirect = result.headers.get('x-action-redirect') ?? '';
  const id = /\/hq\/print-runs\/([0-9a-f-]{36})/.exec(redirect)?.[1];
  if (id) return id;
  if (result.text.includes('"ok":false')) return null;
  // Fall back to the database (the redirect header is Next's private protocol).
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM batches WHERE spec->'scheme'->>'prefix' = $1 AND (spec->'scheme'->>'start')::bigint = $2 ORDER BY created_at DESC LIMIT 1`,
    [order.prefix, order.start ?? 1],
  );
  if (rows[0]) return rows[0].id;
  throw new Error(`print-run order gave neither a redirect nor a refusal (${result.status}): ${result.text.slice(0, 300)}`);
}

export async function batchState(db: pg.Pool, batchId: string) {
  const { rows } = await db.query<{ status: string; cards_created: number; quantity: number; secrets_state: string; chunks: string }>(
    `SELECT status, cards_created, quantity, secrets_state, (SELECT COUNT(*) FROM secret_vault_chunks v WHERE v.batch_id = b.id) AS chunks
     FROM batches b WHERE id = $1`,
    [batchId],
  );
  const r = rows[0];
  if (!r) throw new Error(`batch ${batchId} not found`);
  return { status: r.status, cardsCreated: r.cards_created, quantity: r.quantity, secretsState: r.secrets_state, chunks: Number(r.chunks) };
}

export async function waitForBatch(db: pg.Pool, batchId: string, until: (s: Awaited<ReturnType<typeof batchState>>) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await batchState(db, batchId);
    if (until(state)) return state;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} stuck at ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the print-file download (the release form's POST); the caller reads or abandons the body. */
export async function startDownload(client: Client, base: string, cookie: string, batchId: string, signal?: AbortSignal): Promise<Response> {
  return client.fetch(new URL(`/hq/print-runs/${batchId}/release/print-file`, base).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, accept: 'text/csv' },
    body: new URLSearchParams({ password: DEMO_PASSWORD, format: 'csv' }),
    signal,
  });
}

/** A whole download as the release page reads it: the status, the raw bytes and their SHA-256. */
export async function readDownload(response: Response): Promise<{ status: number; bytes: Buffer; text: string; sha256: string }> {
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, text: bytes.toString('utf8'), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Step 2 of the release, as the page sends it: the confirmation server action with the SHA-256 of
 * the file received and the admin's password. `released` is the first confirmation (the vault
 * destroyed), `repeat` one that found the run already released with this checksum.
 */
export async function confirmDownload(client: Client, base: string, cookie: string, batchId: string, sha256: string) {
  const result = await client.action(base, cookie, 'confirmReleaseAction', [null, form({ batchId, password: DEMO_PASSWORD, sha256 })], { batchId });
  // The action's own answer (its `data`), not anywhere in the response: the re-rendered page
  // carries the message catalogue, which holds both sentences.
  const outcome = !result.ok
    ? 'refused'
    : result.text.includes('"data":"Release confirmed: the secrets have been destroyed."')
      ? 'released'
      : result.text.includes('"data":"The release was already confirmed."')
        ? 'repeat'
        : 'ok?';
  const message = /"message":"((?:[^"\\]|\\.)*)"/.exec(result.text)?.[1];
  return { status: result.status, outcome, message };
}

/** The print file's rows (card_id, card_token, pin, barcode_payload), without the header. */
export function parsePrintCsv(text: string): { cardId: string; token: string; pin: string }[] {
  const lines = text.split('\r\n').filter((l) => l.length > 0);
  return lines.slice(1).map((line) => {
    const [cardId, token, pin] = line.split(',');
    return { cardId: cardId ?? '', token: token ?? '', pin: pin ?? '' };
  });
}

export { randomUUID };
