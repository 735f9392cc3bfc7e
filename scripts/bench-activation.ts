/**
 * Times a counter activation.
 *
 *   npx tsx scripts/bench-activation.ts [--n 50]
 *       In-process: a fresh embedded database (PGlite) with the demo data; times the domain
 *       calls the counter's server actions make — findCardForSale (scan → card shown) and
 *       activateAtStore (confirm → receipt) — without HTTP, React or the session check.
 *
 *   npx tsx scripts/bench-activation.ts --url http://127.0.0.1:3000 [--n 50]
 *       Against a running server with the demo data (`npm run demo`): signs in as the Oslo clerk,
 *       creates fresh cards through the Wallet API (demo-client), then times the real server
 *       action round trips over HTTP exactly as the activation page sends them (session check,
 *       zod, domain, RSC response). Action ids come from the build in .next/.
 *
 * Prints min / median / p95 / max in milliseconds for both steps.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('n') ?? 50);
const BASE = arg('url');

function stats(label: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  console.log(
    `${label.padEnd(34)} n=${s.length}  min ${s[0]!.toFixed(1)}  median ${at(0.5).toFixed(1)}  p95 ${at(0.95).toFixed(1)}  max ${s.at(-1)!.toFixed(1)} ms`,
  );
}

async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  samples.push(performance.now() - start);
  return result;
}

async function inProcess() {
  process.env.CARDSTOCK_SECRETS_KEY ??= (await import('../lib/testing/test-keys')).TEST_SECRETS_KEY;
  process.env.LOG_LEVEL ??= 'silent';
  const { openEphemeralEmbedded } = await import('../lib/db/embedded');
  const { migrate } = await import('../lib/db/migrate');
  const { createDbClient, setDb } = await import('../lib/db/client');
  const { seedDemo } = await import('../prisma/seed-demo');
  const { loadUserActor } = await import('../lib/auth/load-actor');
  const { createCardBatch } = await import('../lib/cards/create-card-batch');
  const { createBatchSchema } = await import('../lib/cards/schemas');
  const { findCardForSale } = await import('../lib/counter/find-card-for-sale');
  const { activateAtStore } = await import('../lib/counter/activate-at-store');
  const { activateAtStoreSchema } = await import('../lib/counter/schemas');

  const embedded = await openEphemeralEmbedded();
  await migrate(embedded.url);
  const db = createDbClient(embedded.url);
  setDb(db);
  await seedDemo(db);
  const user = await db.user.findUniqueOrThrow({ where: { email: 'oslo@demo.test' } });
  const clerk = (await loadUserActor(user.id))!;
  const ids = Array.from({ length: N + 5 }, (_, i) => `bench-${i}-${randomBytes(3).toString('hex')}`);
  const api = { kind: 'api_client' as const, apiClientId: randomUUID(), clientId: 'bench', accountId: clerk.accountId, scopes: ['admin:wallets'] };
  await createCardBatch(api, createBatchSchema.parse({ cards: ids.map((card_id) => ({ card_id })) }));

  const find: number[] = [];
  const activate: number[] = [];
  for (const [i, cardId] of ids.entries()) {
    const f: number[] = [];
    const a: number[] = [];
    await timed(f, () => findCardForSale(clerk, { code: cardId }));
    await timed(a, () => activateAtStore(clerk, activateAtStoreSchema.parse({ cardId, amount: '500', requestKey: randomUUID(), receiptNumber: `B-${i}` })));
    if (i < 5) continue; // the first 5 warm up
    find.push(...f);
    activate.push(...a);
  }
  console.log(`In-process domain calls on an in-memory embedded database (PGlite), ${N} cards after 5 warm-up:`);
  stats('find card (scan → card shown)', find);
  stats('activate (confirm → receipt)', activate);
  await db.$disconnect();
  await embedded.close();
}

/** Cookie jar for one signed-in session. */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The server action ids of app/store/actions.ts, from the build's manifest. */
function actionIds(): Record<string, string> {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string; workers?: Record<string, unknown> }>;
  };
  const ids: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName && entry.filename?.includes('app/store/actions')) ids[entry.exportedName] = id;
  }
  if (!ids.activateAtStoreAction || !ids.findCardForSaleAction) throw new Error('Action ids not found in .next: run `npm run build` first.');
  return ids;
}

async function overHttp(base: string) {
  const ids = actionIds();
  const jar = new Jar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email: 'oslo@demo.test', password: 'cardstock-demo' }),
  });
  jar.take(login);
  if (!jar.header().includes('session-token')) throw new Error(`Sign-in failed (${login.status}).`);

  const tokenResponse = await fetch(`${base}/v1/accounts/T12345678/auth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials' }),
  });
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
  const cardIds = Array.from({ length: N + 5 }, (_, i) => `bench-${i}-${randomBytes(3).toString('hex')}`);
  const batch = await fetch(`${base}/v1/accounts/T12345678/wallets/cards/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cards: cardIds.map((card_id) => ({ card_id })) }),
  });
  if (batch.status !== 200) throw new Error(`Batch failed: ${await batch.text()}`);

  const call = async (action: string, input: unknown) => {
    const response = await fetch(`${base}/store`, {
      method: 'POST',
      headers: { 'next-action': ids[action]!, accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', cookie: jar.header() },
      body: JSON.stringify([input]),
    });
    const text = await response.text();
    if (response.status !== 200 || !text.includes('"ok":true')) throw new Error(`${action} failed (${response.status}): ${text.slice(0, 300)}`);
    return text;
  };
  const find: number[] = [];
  const activate: number[] = [];
  for (const [i, cardId] of cardIds.entries()) {
    const f: number[] = [];
    const a: number[] = [];
    await timed(f, () => call('findCardForSaleAction', { code: cardId, storeId: '' }));
    const receipt = await timed(a, () =>
      call('activateAtStoreAction', {
        storeId: '',
        cardId,
        amount: '500',
        customerId: '',
        name: '',
        expiry: '',
        receiptNumber: `B-${i}`,
        requestKey: randomUUID(),
      }),
    );
    if (!receipt.includes(cardId)) throw new Error('No receipt in the response');
    if (i < 5) continue;
    find.push(...f);
    activate.push(...a);
  }
  console.log(`Server action round trips over HTTP to ${base} (signed in as oslo@demo.test), ${N} cards after 5 warm-up:`);
  stats('find card (scan → card shown)', find);
  stats('activate (confirm → receipt)', activate);
}

await (BASE ? overHttp(BASE.replace(/\/$/, '')) : inProcess());
process.exit(0);
