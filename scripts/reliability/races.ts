/**
 * Races through two production-server instances (scripts/next-server.mjs) on one PostgreSQL database, so nothing can rely on
 * in-process state: every burst is spread over both servers. Each race runs a few rounds; each
 * must have exactly one winner (or exactly as many as the balance allows), and after every round
 * an SQL check finds every card's cached balance and pending equal to its ledger rows and nothing
 * negative (a round that breaks it does not hold).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PIN_MAX_FAILURES } from '@/lib/cards/check-pin';
import { checkLedger, describeLedger, ledgerHolds, ledgerKinds, pool } from './db';
import {
  activate,
  activeCard,
  batchState,
  confirmDownload,
  createAdmin,
  createApiClient,
  createBatch,
  drawdown,
  issueCards,
  orderPrintRun,
  parsePrintCsv,
  readDownload,
  startDownload,
  uniqueId,
  waitForBatch,
  WALLET,
} from './fixtures';
import { Client, DEMO_ACCOUNT, describeTally, form, tally } from './http';
import type { Probe, ReliabilityEnv, Section } from './types';

const ROUNDS = 3;
/**
 * The concurrent-download race's run: big enough (about 8.5 MB) that a download cannot end while
 * nobody reads it, so a second one overlapping it is seen, not hidden. 20,000 cards (1.7 MB) fit
 * in loopback's socket buffers: a fast server finished one download unread, a later request then
 * rightly got the lease, and the two sequential 200s looked like a broken lease.
 */
const DOWNLOAD_RUN = 100_000;

interface Round {
  held: boolean;
  note: string;
}

export const section: Section = {
  name: 'races',
  async run(env: ReliabilityEnv): Promise<Probe[]> {
    const url = await env.newDatabase('races');
    const db = pool(url);
    const [a, b] = await Promise.all([
      env.startServer(url, { logFile: path.join(env.workDir, 'races-a.log') }),
      env.startServer(url, { logFile: path.join(env.workDir, 'races-b.log') }),
    ]);
    const servers = [a.baseUrl, b.baseUrl];
    const on = (i: number) => servers[i % 2]!;
    const client = new Client(env);
    const probes: Probe[] = [];

    try {
      const token = await client.apiToken(a.baseUrl, 'demo-client', 'demo-secret');
      const clerk = await client.signIn(a.baseUrl, 'oslo@demo.test');
      const admin1 = await client.signIn(b.baseUrl, 'admin@demo.test');
      await createAdmin(db, 'admin2@demo.test');
      const admin2 = await client.signIn(a.baseUrl, 'admin2@demo.test');

      /** Runs ROUNDS rounds of a race; after each, the ledger invariant over the whole database. */
      const race = async (name: string, what: string, run: (round: number) => Promise<Round>) => {
        const notes: string[] = [];
        let held = true;
        for (let round = 0; round < ROUNDS; round++) {
          let result: Round;
          try {
            result = await run(round);
          } catch (error) {
            result = { held: false, note: `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300) };
          }
          const check = await checkLedger(db);
          if (!ledgerHolds(check)) result = { held: false, note: `${result.note}; ${describeLedger(check)}` };
          held &&= result.held;
          notes.push(result.note);
        }
        const distinct = [...new Set(notes)];
        probes.push({ area: 'races', name, tried: ROUNDS, held, detail: `${what}: ${distinct.join('; ')}; ledger = balance after each round` });
      };

      await race('activation', '20 activations of one new card at once (10 Wallet API, 10 store counter), over both servers', async () => {
        const [card] = await issueCards(client, a.baseUrl, token, 1);
        const attempts = Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? activate(client, on(i), token, card!.cardId, 50_000).then((r) => (r.status === 200 ? 'won' : String(r.status)))
            : client
                .action(on(i), clerk, 'activateAtStoreAction', [
                  { storeId: '', cardId: card!.cardId, amount: '500', customerId: '', name: '', expiry: '', receiptNumber: `R-${i}`, requestKey: randomUUID() },
                ])
                .then((r) => (r.ok ? 'won' : r.status === 200 ? 'refused' : String(r.status))),
        );
        const outcomes = tally(await Promise.all(attempts));
        const kinds = await ledgerKinds(db, DEMO_ACCOUNT, card!.cardId);
        const held = outcomes.won === 1 && kinds.FUND === 1 && Object.keys(kinds).length === 1;
        return { held, note: held ? 'exactly one activation, one fund row' : `${describeTally(outcomes)}; ledger ${JSON.stringify(kinds)}` };
      });

      await race('drawdowns beyond the balance', '30 drawdowns of NOK 30 at once on a NOK 100 card, over both servers', async () => {
        const card = await activeCard(client, a.baseUrl, token, 10_000);
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => drawdown(client, on(i), token, card, 3_000)));
        const outcomes = tally(results.map((r) => r.status));
        const { rows } = await db.query<{ balance: string }>(`SELECT balance FROM cards WHERE account_id = $1 AND card_id = $2`, [DEMO_ACCOUNT, card.cardId]);
        const held = outcomes['200'] === 3 && rows[0]?.balance === '1000';
        return { held, note: held ? 'exactly 3 succeed, balance NOK 10' : `${describeTally(outcomes)}; balance ${rows[0]?.balance}` };
      });

      const reserve = async (amount: number) => {
        const card = await activeCard(client, a.baseUrl, token, 10_000);
        const pending = await drawdown(client, b.baseUrl, token, card, amount, uniqueId('hold'), { pending: true });
        if (pending.status !== 200 || !pending.body?.id) throw new Error(`reservation answered ${pending.status}: ${pending.text.slice(0, 200)}`);
        return { card, id: pending.body.id };
      };
      const settle = (i: number, id: string, kind: 'capture' | 'void') =>
        client.request(on(i), `${WALLET}/transactions/${id}/${kind}`, { token, body: { ref_id: uniqueId(kind) } });

      await race('capture vs void', '10 captures and 10 voids of one pending drawdown at once, over both servers', async () => {
        const { card, id } = await reserve(6_000);
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => settle(i, id, i % 2 ? 'capture' : 'void')));
        const outcomes = tally(results.map((r) => r.status));
        const kinds = await ledgerKinds(db, DEMO_ACCOUNT, card.cardId);
        const settled = (kinds.CAPTURE ?? 0) + (kinds.RELEASE ?? 0);
        const held = outcomes['200'] === 1 && settled === 1;
        return { held, note: held ? 'exactly one settles it' : `${describeTally(outcomes)}; ledger ${JSON.stringify(kinds)}` };
      });

      await race('double capture', '20 full captures of one pending drawdown at once, over both servers', async () => {
        const { card, id } = await reserve(6_000);
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => settle(i, id, 'capture')));
        const outcomes = tally(results.map((r) => r.status));
        const kinds = await ledgerKinds(db, DEMO_ACCOUNT, card.cardId);
        const held = outcomes['200'] === 1 && kinds.CAPTURE === 1;
        return { held, note: held ? 'exactly one capture' : `${describeTally(outcomes)}; ledger ${JSON.stringify(kinds)}` };
      });

      await race('undo vs first drawdown', "5 undos of a clerk's activation and 5 drawdowns of its whole balance at once, over both servers", async (round) => {
        const [card] = await issueCards(client, a.baseUrl, token, 1);
        const sold = await client.action(a.baseUrl, clerk, 'activateAtStoreAction', [
          { storeId: '', cardId: card!.cardId, amount: '500', customerId: '', name: '', expiry: '', receiptNumber: `U-${round}`, requestKey: randomUUID() },
        ]);
        if (!sold.ok) throw new Error(`counter activation failed: ${sold.text.slice(0, 200)}`);
        const attempts = Array.from({ length: 10 }, (_, i) =>
          i % 2 === 0
            ? client
                .action(on(i), clerk, 'undoActivationAction', [null, form({ cardId: card!.cardId })])
                .then((r) => (r.ok ? 'undo won' : r.status === 200 ? 'refused' : String(r.status)))
            : drawdown(client, on(i), token, card!, 50_000).then((r) => (r.status === 200 ? 'drawdown won' : String(r.status))),
        );
        const outcomes = tally(await Promise.all(attempts));
        const winners = (outcomes['undo won'] ?? 0) + (outcomes['drawdown won'] ?? 0);
        const kinds = await ledgerKinds(db, DEMO_ACCOUNT, card!.cardId);
        const ledgerOne = kinds.FUND === 1 && (kinds.REVERSAL ?? 0) + (kinds.DRAWDOWN ?? 0) === 1;
        const held = winners === 1 && ledgerOne;
        return {
          held,
          note: held
            ? `exactly one winner (${outcomes['undo won'] ? 'the undo' : 'a drawdown'})`
            : `${describeTally(outcomes)}; ledger ${JSON.stringify(kinds)}`,
        };
      });

      await race('batches claiming the same ids', '10 Wallet API batches at once, each 50 shared card ids + 1 of its own, over both servers', async () => {
        const shared = Array.from({ length: 50 }, () => uniqueId('dup'));
        const own = Array.from({ length: 10 }, () => uniqueId('own'));
        const results = await Promise.all(own.map((id, i) => createBatch(client, on(i), token, [...shared, id])));
        const outcomes = tally(results.map((r) => r.status));
        const { rows } = await db.query<{ card_id: string }>(`SELECT card_id FROM cards WHERE account_id = $1 AND card_id = ANY($2)`, [
          DEMO_ACCOUNT,
          [...shared, ...own],
        ]);
        const ownCreated = rows.filter((r) => r.card_id.startsWith('own-')).length;
        const held = outcomes['200'] === 1 && rows.length === 51 && ownCreated === 1;
        return { held, note: held ? 'exactly one batch, all-or-nothing' : `${describeTally(outcomes)}; ${rows.length} cards (${ownCreated} own ids)` };
      });

      await race('print runs over the same ids', '6 HQ print-run orders of the same id range at once (server action), over both servers', async () => {
        const prefix = `RACE${randomUUID().slice(0, 6).toUpperCase()}`;
        const ids = await Promise.all(Array.from({ length: 6 }, (_, i) => orderPrintRun(client, on(i), i % 2 ? admin1 : admin2, db, { quantity: 20, prefix })));
        const { rows } = await db.query<{ n: string }>(`SELECT COUNT(*) AS n FROM batches WHERE spec->'scheme'->>'prefix' = $1`, [prefix]);
        const held = ids.filter(Boolean).length === 1 && rows[0]?.n === '1';
        return { held, note: held ? 'exactly one run ordered' : `${ids.filter(Boolean).length} accepted, ${rows[0]?.n} runs recorded` };
      });

      // The print-file release is two steps (README "One-time secrets release"): downloads, which
      // record who/when/SHA-256 and keep the vault, and the confirmation of that SHA-256, which
      // destroys it. Both are raced.
      let downloadRun: string | undefined;
      await race(
        'concurrent print-file downloads',
        `6 downloads of one run's print file (${DOWNLOAD_RUN.toLocaleString('en-US')} cards) at once by two HQ admins, over both servers; the bodies are read only after every answer is in`,
        async () => {
          if (!downloadRun) {
            downloadRun =
              (await orderPrintRun(client, a.baseUrl, admin1, db, { quantity: DOWNLOAD_RUN, prefix: `DL${randomUUID().slice(0, 6).toUpperCase()}` })) ??
              undefined;
            if (!downloadRun) throw new Error('print run refused');
            await waitForBatch(db, downloadRun, (s) => s.status === 'READY', 180_000);
          }
          const batchId = downloadRun;
          const chunksBefore = (await batchState(db, batchId)).chunks;
          const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => startDownload(client, on(i), i % 2 ? admin1 : admin2, batchId)));
          // Nothing of a 200 has been read yet, so its stream cannot have ended: it holds the lease.
          const { rows: lease } = await db.query<{ held: boolean }>(`SELECT secrets_released_at IS NOT NULL AS held FROM batches WHERE id = $1`, [batchId]);
          const leaseHeld = lease[0]?.held === true;
          const refusals = await Promise.all(responses.filter((r) => r.status !== 200).map(async (r) => ({ status: r.status, text: await r.text() })));
          const inProgress = refusals.filter((r) => r.status === 409 && r.text.includes('in progress')).length;
          const files = await Promise.all(responses.filter((r) => r.status === 200).map(readDownload));
          const outcomes = tally(responses.map((r) => r.status));
          const file = files[0];
          const rows = file ? parsePrintCsv(file.text) : [];
          const { rows: record } = await db.query<{ sha: string | null; lease: boolean }>(
            `SELECT print_file_sha256 AS sha, secrets_released_at IS NOT NULL AS lease FROM batches WHERE id = $1`,
            [batchId],
          );
          const state = await batchState(db, batchId);
          const complete = files.length === 1 && rows.length === DOWNLOAD_RUN && new Set(rows.map((r) => r.cardId)).size === DOWNLOAD_RUN;
          const recorded = record[0]?.sha === file?.sha256 && record[0]?.lease === false;
          const kept = state.secretsState === 'AWAITING_RELEASE' && state.chunks === chunksBefore && chunksBefore > 0;
          const held = files.length === 1 && leaseHeld && inProgress === 5 && complete && recorded && kept;
          return {
            held,
            note: held
              ? 'one streams while the 5 others get 409 "in progress"; its complete file and SHA-256 recorded, the vault kept'
              : `${describeTally(outcomes)} (${inProgress} "in progress"); lease ${leaseHeld ? 'held' : 'NOT held'} while unread; ${rows.length} rows; record ${recorded ? 'matches' : 'does not match'}; secrets ${state.secretsState}, ${state.chunks}/${chunksBefore} vault chunks`,
          };
        },
      );

      await race(
        'two admins confirming the same release',
        "6 confirmations of one completed download's SHA-256 at once, 3 by each of two HQ admins, over both servers",
        async () => {
          const batchId = await orderPrintRun(client, a.baseUrl, admin1, db, { quantity: 50, prefix: `REL${randomUUID().slice(0, 6).toUpperCase()}` });
          if (!batchId) throw new Error('print run refused');
          await waitForBatch(db, batchId, (s) => s.status === 'READY', 60_000);
          const file = await readDownload(await startDownload(client, b.baseUrl, admin1, batchId));
          if (file.status !== 200 || parsePrintCsv(file.text).length !== 50) throw new Error(`download answered ${file.status}`);
          const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => confirmDownload(client, on(i), i % 2 ? admin1 : admin2, batchId, file.sha256)));
          const outcomes = tally(answers.map((r) => (r.status === 200 ? r.outcome : String(r.status))));
          const state = await batchState(db, batchId);
          const { rows } = await db.query<{ by: string | null; sha: string | null; released: string; again: string }>(
            `SELECT secrets_released_by AS by, print_file_sha256 AS sha,
                  (SELECT COUNT(*) FROM audit_events WHERE target_id = $1::text AND action = 'secrets.released') AS released,
                  (SELECT COUNT(*) FROM audit_events WHERE target_id = $1::text AND action = 'secrets.release_confirmed_again') AS again
           FROM batches WHERE id = $1::uuid`,
            [batchId],
          );
          const { rows: downloader } = await db.query<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@demo.test'`);
          const after = await startDownload(client, a.baseUrl, admin2, batchId);
          const afterText = await after.text();
          const r = rows[0]!;
          const released = outcomes.released === 1;
          const clean = answers.every((x) => x.status === 200 && ['released', 'repeat', 'refused'].includes(x.outcome));
          const record = r.by === `user:${downloader[0]?.id}` && r.sha === file.sha256 && r.released === '1' && Number(r.again) === (outcomes.repeat ?? 0);
          const destroyed = state.secretsState === 'RELEASED' && state.chunks === 0;
          const closed = after.status === 409 && afterText.includes('already released');
          const held = released && clean && record && destroyed && closed;
          return {
            held,
            note: held
              ? `exactly one releases (the downloader recorded, the vault destroyed once), the others ${
                  Object.keys(outcomes)
                    .filter((k) => k !== 'released')
                    .join('/') || 'none'
                }; a download afterwards 409`
              : `${describeTally(outcomes)}; secrets ${state.secretsState}, ${state.chunks} vault chunks; ${r.released} released audits, by ${r.by}; download afterwards ${after.status}`,
          };
        },
      );

      await race(
        'bursts of PIN guesses',
        `30 wrong PINs for one card at once (balance check by card_id), over both servers; at most ${PIN_MAX_FAILURES} may be tried`,
        async () => {
          // A client of its own per round: its unknown-card cap must not be what refuses the guesses.
          const guesser = await createApiClient(client, a.baseUrl, db);
          const [card] = await issueCards(client, a.baseUrl, guesser, 1);
          const results = await Promise.all(
            Array.from({ length: 30 }, (_, i) =>
              client.request(on(i), `${WALLET}/info`, { token: guesser, body: { card_id: card!.cardId, pin: `WRONG${String(i).padStart(7, '0')}` } }),
            ),
          );
          const outcomes = tally(results.map((r) => r.status));
          const tried = outcomes['404'] ?? 0;
          const after = await client.request(a.baseUrl, `${WALLET}/info`, { token: guesser, body: { card_id: card!.cardId, pin: card!.pin } });
          const locked = after.status === 429 && after.text.includes('Too many wrong PINs');
          const held = tried <= PIN_MAX_FAILURES && (outcomes['429'] ?? 0) === 30 - tried && locked;
          return {
            held,
            note: held
              ? `≤ ${PIN_MAX_FAILURES} checked, the rest refused, then locked`
              : `${tried} PINs checked (${describeTally(outcomes)}); right PIN afterwards answered ${after.status}`,
          };
        },
      );
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await db.end();
    }
    return probes;
  },
};
