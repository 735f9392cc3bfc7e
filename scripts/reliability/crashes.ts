/**
 * Crashes: a server is SIGKILLed in the middle of work, another one is started on the same
 * database, and nothing may be half-done, lost or doubled.
 *
 * 1. A 100,000-card print run, killed after its first chunks: the restarted server's worker takes
 *    the job over once the dead worker's lease runs out and completes the run READY with exactly
 *    100,000 cards, no duplicate ids or tokens, and a vault that decrypts to exactly those cards.
 * 2. The print-file download of that run, killed mid-stream: the vault is intact (every chunk
 *    decrypts, every card's secrets still there, state AWAITING_RELEASE); the dead download's
 *    lease blocks a new one (409) until it runs out (RELEASE_LEASE_MS, polled, the wait reported);
 *    then a new download on the restarted server is complete and keeps the vault, and confirming
 *    its SHA-256 (step 2 of the release) destroys it.
 * 3. A burst of drawdowns, killed mid-burst: every drawdown that got a 2xx is in the ledger
 *    exactly once; retrying every unanswered one with its ref_id has at most one effect each; the
 *    ledger invariant holds.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { RELEASE_LEASE_MS } from '@/lib/print-runs/release-secrets';
import { hashToken } from '@/lib/secrets/hash';
import { openChunk } from '@/lib/secrets/vault';
import { checkLedger, describeLedger, ledgerHolds, pool } from './db';
import {
  activeCard,
  batchState,
  confirmDownload,
  drawdown,
  orderPrintRun,
  parsePrintCsv,
  readDownload,
  startDownload,
  uniqueId,
  waitForBatch,
  type IssuedCard,
} from './fixtures';
import { Client, DEMO_ACCOUNT, describeTally, tally } from './http';
import type { Probe, ReliabilityEnv, Section } from './types';

const RUN_SIZE = 100_000;
/** The dead worker's job lease (lib/jobs/queue.ts, 60 s) must run out first; then ~10 s of filling. */
const RESUME_TIMEOUT_MS = 240_000;
/** Polling a new download after the kill gives up this long after the lease should have run out. */
const LEASE_WAIT_SLACK_MS = 20_000;

function check(label: string, ok: boolean, failure?: string): { ok: boolean; text: string } {
  return { ok, text: ok ? label : `NOT ${label}${failure ? ` (${failure})` : ''}` };
}

function summarize(checks: { ok: boolean; text: string }[]): { held: boolean; detail: string } {
  return { held: checks.every((c) => c.ok), detail: checks.map((c) => c.text).join('; ') };
}

/** Decrypts the batch's whole vault in this process and compares it with its cards. */
async function vaultMatchesCards(db: pg.Pool, batchId: string): Promise<{ ok: boolean; records: number; problem?: string }> {
  const { rows: chunks } = await db.query<{ chunk_index: number; key_id: string; nonce: Buffer; ciphertext: Buffer }>(
    `SELECT chunk_index, key_id, nonce, ciphertext FROM secret_vault_chunks WHERE batch_id = $1 ORDER BY chunk_index`,
    [batchId],
  );
  const records = new Map<string, string>();
  let total = 0;
  for (const [i, chunk] of chunks.entries()) {
    if (chunk.chunk_index !== i) return { ok: false, records: total, problem: `vault chunk ${i} missing` };
    for (const r of openChunk({ batchId, chunkIndex: chunk.chunk_index, keyId: chunk.key_id, nonce: chunk.nonce, ciphertext: chunk.ciphertext })) {
      records.set(r.cardId, hashToken(DEMO_ACCOUNT, r.token));
      total++;
    }
  }
  const { rows: cards } = await db.query<{ card_id: string; token_hash: string }>(`SELECT card_id, token_hash FROM cards WHERE batch_id = $1`, [batchId]);
  const mismatched = cards.filter((c) => records.get(c.card_id) !== c.token_hash).length;
  const ok = total === cards.length && records.size === total && mismatched === 0;
  return {
    ok,
    records: total,
    problem: ok ? undefined : `${total} vault records, ${records.size} distinct, ${cards.length} cards, ${mismatched} tokens not matching`,
  };
}

export const section: Section = {
  name: 'crashes',
  async run(env: ReliabilityEnv): Promise<Probe[]> {
    const url = await env.newDatabase('crashes');
    const db = pool(url);
    const client = new Client(env);
    const probes: Probe[] = [];
    // The vault check decrypts in this process: the driver runs with the servers' key (the test key).
    const log = (name: string) => path.join(env.workDir, `crashes-${name}.log`);

    const first = await env.startServer(url, { logFile: log('1-print-run') });
    let resumed: Awaited<ReturnType<ReliabilityEnv['startServer']>> | undefined;
    let burstServer: Awaited<ReturnType<ReliabilityEnv['startServer']>> | undefined;
    try {
      // ── 1. print run ─────────────────────────────────────────────────────────────────────
      const admin = await client.signIn(first.baseUrl, 'admin@demo.test');
      const prefix = `CRASH${uniqueId('').slice(1, 6).toUpperCase()}`;
      const batchId = await orderPrintRun(client, first.baseUrl, admin, db, { quantity: RUN_SIZE, prefix });
      if (!batchId) throw new Error('the 100,000-card print run was refused');
      const atKill = await waitForBatch(db, batchId, (s) => s.cardsCreated >= 5_000 || s.status === 'READY', 120_000);
      await first.kill();
      const afterKill = await batchState(db, batchId);

      // The restart, and (worker off, so it never holds the print job) a server for the burst.
      [resumed, burstServer] = await Promise.all([
        env.startServer(url, { logFile: log('2-restarted') }),
        env.startServer(url, { logFile: log('3-burst'), env: { CARDSTOCK_WORKER: 'off' } }),
      ]);

      // ── 3. drawdown burst (while the print run waits for its lease) ──────────────────────
      const token = await client.apiToken(burstServer.baseUrl, 'demo-client', 'demo-secret');
      const cards: IssuedCard[] = [];
      for (let i = 0; i < 10; i++) cards.push(await activeCard(client, burstServer.baseUrl, token, 100_000));
      const burst = Array.from({ length: 200 }, (_, i) => ({ card: cards[i % cards.length]!, refId: uniqueId(`burst${i}`), amount: 1_000 }));
      let answered = 0;
      const outcomes = burst.map(({ card, refId, amount }) =>
        drawdown(client, burstServer!.baseUrl, token, card, amount, refId).then(
          (r) => {
            answered++;
            return { refId, status: r.status, id: r.body?.id };
          },
          () => ({ refId, status: 0, id: undefined }),
        ),
      );
      const killer = (async () => {
        const deadline = Date.now() + 30_000;
        while (answered < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        await burstServer!.kill();
      })();
      const results = await Promise.all(outcomes);
      await killer;
      const ok2xx = results.filter((r) => r.status >= 200 && r.status < 300);
      const unanswered = results.filter((r) => r.status === 0);
      const ledgerRefs = async () => {
        const { rows } = await db.query<{ ref_id: string; n: string }>(
          `SELECT ref_id, COUNT(*) AS n FROM card_transactions WHERE ref_id = ANY($1) GROUP BY ref_id`,
          [burst.map((b) => b.refId)],
        );
        return new Map(rows.map((r) => [r.ref_id, Number(r.n)]));
      };
      const beforeRetry = await ledgerRefs();
      const answeredOnce = ok2xx.every((r) => beforeRetry.get(r.refId) === 1);
      // Retry what got no answer, and replay what did, with the same ref_id and body.
      const ok2xxRefs = new Set(ok2xx.map((r) => r.refId));
      const retried = await Promise.all(
        burst
          .filter((b) => !ok2xxRefs.has(b.refId) || b.refId === ok2xx[0]?.refId)
          .map((b) => drawdown(client, resumed!.baseUrl, token, b.card, b.amount, b.refId).then((r) => ({ refId: b.refId, status: r.status, id: r.body?.id }))),
      );
      const afterRetry = await ledgerRefs();
      const doubled = [...afterRetry.values()].filter((n) => n > 1).length;
      const replayedSame = ok2xx[0] ? retried.find((r) => r.refId === ok2xx[0]!.refId)?.id === ok2xx[0].id : true;
      const retriedOk = retried.every((r) => r.status === 200);
      const ledger = await checkLedger(db);
      const burstChecks = summarize([
        check(
          `killed after ${ok2xx.length} of 200 drawdowns answered 2xx (${unanswered.length} unanswered, ${describeTally(tally(results.map((r) => r.status)))})`,
          unanswered.length > 0,
          'the kill came too late to cut the burst',
        ),
        check('every 2xx drawdown in the ledger exactly once', answeredOnce),
        check(`${retried.length} retries with the same ref_id all answered 200`, retriedOk, describeTally(tally(retried.map((r) => r.status)))),
        check('a replay returned the original transaction', replayedSame),
        check('no ref_id doubled', doubled === 0, `${doubled} doubled`),
        check(describeLedger(ledger), ledgerHolds(ledger)),
      ]);
      probes.push({
        area: 'crashes',
        name: 'SIGKILL during a burst of drawdowns',
        tried: 1,
        ...burstChecks,
        detail: `200 concurrent drawdowns on 10 cards, server killed mid-burst, retried on a restarted server: ${burstChecks.detail}`,
      });

      // ── 1. (cont.) the restarted server completes the run ────────────────────────────────
      let done: Awaited<ReturnType<typeof batchState>> | undefined;
      let waitError: string | undefined;
      const t0 = Date.now();
      try {
        done = await waitForBatch(db, batchId, (s) => s.status === 'READY' || s.status === 'FAILED', RESUME_TIMEOUT_MS);
      } catch (error) {
        waitError = error instanceof Error ? error.message : String(error);
      }
      const resumeSeconds = Math.round((Date.now() - t0) / 1000);
      const { rows: counts } = await db.query<{ cards: string; ids: string; tokens: string }>(
        `SELECT COUNT(*) AS cards, COUNT(DISTINCT card_id) AS ids, COUNT(DISTINCT token_hash) AS tokens FROM cards WHERE batch_id = $1`,
        [batchId],
      );
      const { rows: jobs } = await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM jobs WHERE payload->>'batchId' = $1`, [
        batchId,
      ]);
      const vault = done?.status === 'READY' ? await vaultMatchesCards(db, batchId) : { ok: false, records: 0, problem: 'run not ready' };
      const c = counts[0]!;
      const runChecks = summarize([
        check(
          `killed at ${afterKill.cardsCreated.toLocaleString('en-US')} of 100,000 cards`,
          afterKill.cardsCreated < RUN_SIZE && atKill.status !== 'READY',
          'the run finished before the kill',
        ),
        check(`the restarted server resumed it (${resumeSeconds} s, lease expiry included)`, done?.status === 'READY', waitError ?? done?.status),
        check(
          'exactly 100,000 cards, ids and tokens all distinct',
          c.cards === '100000' && c.ids === '100000' && c.tokens === '100000',
          `${c.cards} cards, ${c.ids} ids, ${c.tokens} tokens`,
        ),
        check('one job, done', jobs.length === 1 && jobs[0]!.status === 'DONE', JSON.stringify(jobs)),
        check(`the vault decrypts to exactly those cards' secrets`, vault.ok, vault.problem),
      ]);
      probes.push({ area: 'crashes', name: 'SIGKILL mid 100,000-card print run', tried: 1, ...runChecks });

      // ── 2. print-file download ───────────────────────────────────────────────────────────
      if (done?.status === 'READY') {
        const downloader = resumed;
        const response = await startDownload(client, downloader.baseUrl, admin, batchId);
        const reader = response.body!.getReader();
        let received = 0;
        while (received < 200_000) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          received += value.byteLength;
        }
        await downloader.kill();
        const killedAt = Date.now();
        let completed = false;
        try {
          for (;;) {
            const { value, done: ended } = await reader.read();
            if (ended) {
              completed = true;
              break;
            }
            received += value.byteLength;
          }
        } catch {
          // the connection died with the server: the expected outcome
        }
        const broken = await batchState(db, batchId);
        const vaultAfter = await vaultMatchesCards(db, batchId);
        resumed = await env.startServer(url, { logFile: log('4-after-download-crash') });
        // Nothing was recorded, so the bytes that did arrive confirm nothing.
        const partial = await confirmDownload(client, resumed.baseUrl, admin, batchId, createHash('sha256').update('partial').digest('hex'));
        const afterPartial = await batchState(db, batchId);
        // The dead download's lease blocks a new one until it runs out (RELEASE_LEASE_MS): poll.
        let again: Response | undefined;
        let blocked = 0;
        let otherRefusal = '';
        while (Date.now() - killedAt < RELEASE_LEASE_MS + LEASE_WAIT_SLACK_MS) {
          const attempt = await startDownload(client, resumed.baseUrl, admin, batchId);
          if (attempt.status === 200) {
            again = attempt;
            break;
          }
          const text = await attempt.text();
          if (attempt.status === 409 && text.includes('in progress')) blocked++;
          else otherRefusal = `${attempt.status}: ${text.slice(0, 160)}`;
          await new Promise((r) => setTimeout(r, 2_000));
        }
        const waited = Math.round((Date.now() - killedAt) / 1000);
        const file = again ? await readDownload(again) : undefined;
        const rows = file ? parsePrintCsv(file.text) : [];
        const downloaded = await batchState(db, batchId);
        const confirmed = file ? await confirmDownload(client, resumed.baseUrl, admin, batchId, file.sha256) : undefined;
        const released = await batchState(db, batchId);
        const downloadChecks = summarize([
          check(
            `killed after ${Math.round(received / 1024)} KiB of the file`,
            response.status === 200 && !completed,
            `status ${response.status}, completed ${completed}`,
          ),
          check(
            'secrets kept (AWAITING_RELEASE, vault decrypts to all 100,000 cards)',
            broken.secretsState === 'AWAITING_RELEASE' && vaultAfter.ok && vaultAfter.records === RUN_SIZE,
            `${broken.secretsState}, ${vaultAfter.problem ?? vaultAfter.records}`,
          ),
          check(
            'a confirmation without a complete download refused, vault kept',
            partial.outcome === 'refused' && afterPartial.chunks === broken.chunks,
            `${partial.status} ${partial.outcome}, ${afterPartial.chunks} chunks`,
          ),
          check(
            `the dead download's lease blocked new ones ${blocked}× (409 "in progress"); a new download started ${waited} s after the kill (the lease: ${RELEASE_LEASE_MS / 1000} s from the dead download's start or last renewal; tried every 2 s)`,
            again !== undefined && blocked > 0 && !otherRefusal,
            again ? otherRefusal || 'never blocked' : `still refused after ${waited} s${otherRefusal ? `, last ${otherRefusal}` : ''}`,
          ),
          check(
            'it is complete (100,000 distinct rows) and keeps the vault',
            rows.length === RUN_SIZE &&
              new Set(rows.map((r) => r.cardId)).size === RUN_SIZE &&
              downloaded.secretsState === 'AWAITING_RELEASE' &&
              downloaded.chunks === broken.chunks,
            `${rows.length} rows, ${downloaded.secretsState}, ${downloaded.chunks} chunks`,
          ),
          check(
            'confirming its SHA-256 releases it and destroys the vault',
            confirmed?.outcome === 'released' && released.secretsState === 'RELEASED' && released.chunks === 0,
            `${confirmed?.outcome}: ${confirmed?.message}; ${released.secretsState}, ${released.chunks} chunks`,
          ),
        ]);
        probes.push({ area: 'crashes', name: 'SIGKILL mid print-file download', tried: 1, ...downloadChecks });
      } else {
        probes.push({ area: 'crashes', name: 'SIGKILL mid print-file download', tried: 0, held: false, detail: 'not tried: the print run never became ready' });
      }
    } finally {
      await Promise.all([first.stop(), resumed?.stop(), burstServer?.stop()]);
      await db.end();
    }
    return probes;
  },
};
