/**
 * Secrets never leak. A run creates cards (a Wallet API batch, a single funded card, an HQ print
 * run, its print-file download and the release's confirmation), then uses every one of their
 * secrets the way tills and counters do (activation, balance checks by token and by card id + PIN, drawdowns, reservations,
 * captures, voids, wrong PINs, the counter's scan and balance lookup). Every clear token and PIN
 * seen in the creation responses and the print file is then searched for in: the server's log and
 * PostgreSQL's, every row of every table except the vault, every HQ and store page (HTML and RSC
 * payload) as each role sees it, and every HTTP response after the creation responses. Zero hits.
 *
 * Positive control: the same search finds every secret in the creation responses, so a search
 * that could not find anything would not pass. The report never prints a secret, only where.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pool } from './db';
import {
  activate,
  confirmDownload,
  createBatch,
  drawdown,
  LONG_SECRETS,
  orderPrintRun,
  parsePrintCsv,
  randomUUID,
  readDownload,
  startDownload,
  uniqueId,
  waitForBatch,
  WALLET,
  type IssuedCard,
} from './fixtures';
import { Client, describeTally, tally } from './http';
import type { Probe, ReliabilityEnv, Section } from './types';

interface Place {
  name: string;
  text: string;
}

/** Every (place, secret) hit; the secrets themselves are never returned. */
function search(places: Place[], secrets: string[]): { hits: number; where: string[] } {
  let hits = 0;
  const where = new Set<string>();
  for (const place of places) {
    for (const secret of secrets) {
      if (place.text.includes(secret)) {
        hits++;
        where.add(place.name);
      }
    }
  }
  return { hits, where: [...where] };
}

function leakProbe(name: string, places: Place[], secrets: string[], what: string): Probe {
  const { hits, where } = search(places, secrets);
  const bytes = places.reduce((n, p) => n + Buffer.byteLength(p.text), 0);
  return {
    area: 'leaks',
    name,
    tried: places.length,
    held: hits === 0,
    failures: hits,
    detail:
      hits === 0
        ? `${what}: ${places.length} searched (${(bytes / 1024).toFixed(0)} KiB) for ${secrets.length} secrets, 0 hits`
        : `${hits} hits of a clear secret in ${where.slice(0, 8).join(', ')}${where.length > 8 ? ` and ${where.length - 8} more` : ''}`,
  };
}

const HQ_PAGES = [
  '/hq',
  '/hq/cards',
  '/hq/print-runs',
  '/hq/print-runs/new',
  '/hq/settings',
  '/hq/stores',
  '/hq/users',
  '/hq/api-clients',
  '/hq/audit',
  '/hq/audit/events.csv',
];
const STORE_PAGES = ['/store', '/store/balance', '/store/today'];
const OTHER_PAGES = ['/', '/login', '/denied'];

export const section: Section = {
  name: 'leaks',
  async run(env: ReliabilityEnv): Promise<Probe[]> {
    const url = await env.newDatabase('leaks');
    const db = pool(url);
    const logFile = path.join(env.workDir, 'leaks.log');
    const server = await env.startServer(url, { logFile });
    const base = server.baseUrl;
    const client = new Client(env);
    const secrets = new Set<string>();
    const creation: Place[] = [];
    const responses: Place[] = [];
    try {
      const token = await client.apiToken(base, 'demo-client', 'demo-secret');
      const admin = await client.signIn(base, 'admin@demo.test');
      const staff = await client.signIn(base, 'staff@demo.test');
      const clerk = await client.signIn(base, 'oslo@demo.test');

      // ── creation: every secret is seen here, and only here ───────────────────────────────
      const batchIds = Array.from({ length: 20 }, () => uniqueId('leak'));
      const batch = await createBatch(client, base, token, batchIds, LONG_SECRETS);
      if (batch.status !== 200 || !batch.body) throw new Error(`batch answered ${batch.status}`);
      creation.push({ name: 'batch response', text: batch.text });
      const apiCards: IssuedCard[] = batch.body.cards.map((c) => ({ cardId: c.card_id, token: c.card_token.token.value, pin: c.pin.pin.value }));
      const funded = await client.request<{ card_token?: { token?: { value?: string } }; pin?: { pin?: { value?: string } } }>(base, `${WALLET}/cards`, {
        token,
        body: { card_id: uniqueId('leakone'), type: 'gift_card', amount: 20_000, currency: 'NOK', ...LONG_SECRETS },
      });
      creation.push({ name: 'single card response', text: funded.text });
      const fundedCard =
        funded.body?.card_token?.token?.value && funded.body.pin?.pin?.value
          ? { cardId: '', token: funded.body.card_token.token.value, pin: funded.body.pin.pin.value }
          : undefined;
      const prefix = `LEAK${uniqueId('').slice(1, 6).toUpperCase()}`;
      const runId = await orderPrintRun(client, base, admin, db, { quantity: 200, prefix, pinLength: 12, tokenLength: 24 });
      if (!runId) throw new Error('print run refused');
      await waitForBatch(db, runId, (s) => s.status === 'READY', 60_000);
      const file = await readDownload(await startDownload(client, base, admin, runId));
      const fileText = file.text;
      if (file.status !== 200) throw new Error(`print-file download answered ${file.status}`);
      creation.push({ name: 'print file', text: fileText });
      const printed: IssuedCard[] = parsePrintCsv(fileText).map((r) => ({ cardId: r.cardId, token: r.token, pin: r.pin }));
      for (const c of [...apiCards, ...printed, ...(fundedCard ? [fundedCard] : [])]) {
        secrets.add(c.token);
        secrets.add(c.pin);
      }
      const all = [...secrets];
      const control = search(creation, all);

      // ── from here on, every response is searched ─────────────────────────────────────────
      client.observer = (u, text, headers) => {
        const head = [...headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n');
        responses.push({ name: `response ${new URL(u).pathname}`, text: `${head}\n\n${text}` });
      };
      // API cards: activate by id, then use by token, by card id + PIN, pending, capture, void.
      for (const [i, card] of apiCards.slice(0, 10).entries()) {
        await activate(client, base, token, card.cardId, 50_000);
        await client.request(base, `${WALLET}/info`, { token, body: { token: card.token, pin: card.pin } });
        await client.request(base, `${WALLET}/info`, { token, body: { card_id: card.cardId, pin: card.pin } });
        await drawdown(client, base, token, card, 1_000);
        await client.request(base, `${WALLET}/transactions`, {
          token,
          body: { ref_id: uniqueId('pin'), amount: 500, currency: 'NOK', card_id: card.cardId, pin: card.pin },
        });
        const hold = await drawdown(client, base, token, card, 2_000, uniqueId('hold'), { pending: true });
        if (hold.body?.id)
          await client.request(base, `${WALLET}/transactions/${hold.body.id}/${i % 2 ? 'capture' : 'void'}`, { token, body: { ref_id: uniqueId('settle') } });
        await client.request(base, `${WALLET}/cards/${encodeURIComponent(card.cardId)}`, { token });
        await client.request(base, `${WALLET}/cards/${encodeURIComponent(card.cardId)}/transactions`, { token });
      }
      // Wrong PINs and near-miss tokens go through the error paths.
      for (const card of apiCards.slice(10, 13)) {
        await client.request(base, `${WALLET}/info`, { token, body: { card_id: card.cardId, pin: `${card.pin.slice(0, -1)}#` } });
        await client.request(base, `${WALLET}/info`, { token, body: { token: `${card.token.slice(0, -1)}#` } });
      }
      if (fundedCard) await drawdown(client, base, token, fundedCard, 1_000);
      // Print-run cards: the counter scans the token, sells the card, looks its balance up with the PIN.
      for (const card of printed.slice(0, 5)) {
        await client.action(base, clerk, 'findCardForSaleAction', [{ code: card.token, storeId: '' }]);
        await client.action(base, clerk, 'activateAtStoreAction', [
          { storeId: '', cardId: card.cardId, amount: '300', customerId: '', name: '', expiry: '', receiptNumber: uniqueId('R'), requestKey: randomUUID() },
        ]);
        await client.action(base, clerk, 'lookupBalanceAction', [{ code: card.token, pin: '' }]);
        await client.action(base, clerk, 'lookupBalanceAction', [{ code: card.cardId, pin: card.pin }]);
        await drawdown(client, base, token, card, 5_000);
      }
      await client.request(base, `${WALLET}/cards?limit=100`, { token });
      // Step 2 of the release: the confirmation (its answer is searched too), after which the
      // pages below show the run as released.
      const confirmed = await confirmDownload(client, base, admin, runId, file.sha256);
      if (confirmed.outcome !== 'released') throw new Error(`the release confirmation answered ${confirmed.status} ${confirmed.outcome}: ${confirmed.message}`);

      // ── pages, as each role sees them ────────────────────────────────────────────────────
      const { rows: runs } = await db.query<{ id: string }>(`SELECT id FROM batches`);
      const runPages = runs.flatMap((r) => [
        `/hq/print-runs/${r.id}`,
        `/hq/print-runs/${r.id}/release`,
        `/hq/print-runs/${r.id}/cards.csv`,
        `/hq/print-runs/${r.id}/progress`,
      ]);
      const pages: Place[] = [];
      const statuses: number[] = [];
      const roles: [string, string, string[]][] = [
        ['admin', admin, [...HQ_PAGES, ...runPages, ...STORE_PAGES, ...OTHER_PAGES]],
        ['staff', staff, [...HQ_PAGES, ...runPages, ...STORE_PAGES]],
        ['clerk', clerk, [...STORE_PAGES, '/hq']],
      ];
      const observer = client.observer;
      client.observer = undefined; // pages are their own places
      for (const [role, cookie, paths] of roles) {
        for (const page of paths) {
          for (const rsc of [false, true]) {
            // Follow redirects (an RSC request is first sent to its `?_rsc=` cache-busting URL; a
            // refused page to /denied), searching every hop.
            let target = page;
            for (let hop = 0; hop < 4; hop++) {
              const r = await client.request(base, target, { cookie, headers: rsc ? { rsc: '1' } : {} });
              pages.push({ name: `${target} (${role}, ${rsc ? 'RSC' : 'HTML'}, ${r.status})`, text: r.text });
              statuses.push(r.status);
              const location = r.headers.get('location');
              if (r.status < 300 || r.status >= 400 || !location) break;
              target = location;
            }
          }
        }
      }
      client.observer = observer;

      // ── tables and logs ──────────────────────────────────────────────────────────────────
      const { rows: tableRows } = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'secret_vault_chunks' ORDER BY 1`,
      );
      const tables: Place[] = [];
      let rowCount = 0;
      for (const { table_name: t } of tableRows) {
        const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM "${t}" t`);
        rowCount += rows.length;
        tables.push({ name: `table ${t}`, text: rows.map((r) => r.row).join('\n') });
      }
      await server.stop(); // flush the log
      const logs: Place[] = [{ name: 'server log', text: readFileSync(logFile, 'utf8') }];
      if (env.clusterLogFile) logs.push({ name: 'PostgreSQL log', text: readFileSync(env.clusterLogFile, 'utf8') });

      const controlHeld =
        control.hits === all.length && all.length === 2 * (apiCards.length + printed.length + (fundedCard ? 1 : 0)) && new Set(all).size === all.length;
      return [
        {
          area: 'leaks',
          name: 'positive control',
          tried: creation.length,
          held: controlHeld && printed.length === 200 && fundedCard !== undefined,
          detail: `the search finds all ${all.length} secrets (${apiCards.length + 1} API cards, ${printed.length} print-run cards; PINs 12, tokens 24 characters) in the creation responses and the print file`,
        },
        leakProbe('server logs', logs, all, 'the server log and the PostgreSQL log of the whole run'),
        leakProbe('tables outside the vault', tables, all, `every row of every table but secret_vault_chunks, cast to text (${rowCount} rows)`),
        leakProbe(
          'pages: HTML and RSC payload',
          pages,
          all,
          `every HQ and store page, each print run’s pages, exports and progress, as admin, staff and clerk, with and without RSC (${describeTally(tally(statuses))})`,
        ),
        leakProbe('API and action responses after creation', responses, all, 'every response (headers and body) after the creation responses'),
      ];
    } finally {
      await server.stop();
      await db.end();
    }
  },
};
