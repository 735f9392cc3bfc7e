/**
 * The print file download over real HTTP (`next start`, real PostgreSQL): a client that breaks the
 * connection off — right after the headers, mid-file, or just before the last byte — uses nothing
 * up, because the server cannot tell from its side whether the bytes arrived (they sit in socket
 * buffers). Only a confirmation of the file's SHA-256 destroys the secrets (lib/print-runs/
 * confirm-release.ts; the page's flow is e2e/print-runs.spec.ts).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { DEMO_PASSWORD } from '@/prisma/seed-demo';
import { apiBaseUrl, apiUrl, openApiDb, signIn } from '@/lib/testing/http-client';
import { createApiClient, createBatch, DEMO_ACCOUNT, uniqueId } from '@/lib/testing/wallet-fixtures';

const CARDS = 5_000;

let db: PrismaClient;
let cookie: string;
let batchId: string;

beforeAll(async () => {
  db = openApiDb();
  const { token } = await createApiClient(db, DEMO_ACCOUNT, ['admin:wallets']);
  const prefix = uniqueId('dl');
  const created = await createBatch(
    token,
    Array.from({ length: CARDS }, (_, i) => `${prefix}-${String(i).padStart(5, '0')}`),
  );
  expect(created.status).toBe(200);
  // The Wallet API's response names no batch; the cards know theirs.
  const card = await db.card.findFirstOrThrow({ where: { accountId: DEMO_ACCOUNT, cardId: `${prefix}-00000` }, select: { batchId: true } });
  batchId = card.batchId!;
  cookie = await signIn('admin@demo.test', DEMO_PASSWORD);
});
afterAll(async () => {
  await db.$disconnect();
});

/** POSTs the release form; resolves once the response headers are in (the body not yet read). */
async function startDownload(signal: AbortSignal): Promise<Response> {
  const response = await fetch(apiUrl(`/hq/print-runs/${batchId}/release/print-file`), {
    method: 'POST',
    headers: { cookie, origin: apiBaseUrl(), accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password: DEMO_PASSWORD }),
    redirect: 'manual',
    signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="print-run-/);
  return response;
}

/** Reads the body until at least `limit` bytes are in (all of it when undefined), then breaks off. */
async function download(options: { limit?: number } = {}): Promise<Buffer> {
  const controller = new AbortController();
  const response = await startDownload(controller.signal);
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  let received = 0;
  while (options.limit === undefined || received < options.limit) {
    const part = await reader.read();
    if (part.done) break;
    parts.push(part.value);
    received += part.value.length;
  }
  if (options.limit !== undefined) controller.abort();
  return Buffer.concat(parts);
}

const ENDED = ['secrets.downloaded', 'secrets.release_aborted', 'secrets.released'];

/** Waits until the server has finished with `attempts` downloads (each ends in one of ENDED). */
async function settled(attempts: number): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const ended = await db.auditEvent.count({ where: { targetId: batchId, action: { in: ENDED } } });
    if (ended >= attempts) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not finish ${attempts} downloads in time.`);
}

async function expectSecretsKept(): Promise<void> {
  const batch = await db.batch.findUniqueOrThrow({ where: { id: batchId } });
  expect(batch).toMatchObject({ secretsState: 'AWAITING_RELEASE', secretsReleasedAt: null });
  expect(await db.secretVaultChunk.count({ where: { batchId } })).toBe(Math.ceil(CARDS / 1_000));
}

describe('POST /hq/print-runs/[batchId]/release/print-file', () => {
  it('a download broken off at 0 bytes, mid-file or at the last byte uses nothing up; a full one then gets the same file', async () => {
    // Broken off right after the headers.
    const empty = await download({ limit: 0 });
    expect(empty.length).toBe(0);
    await settled(1);
    await expectSecretsKept();

    // Mid-file: the first part of the body, then the connection goes.
    const head = await download({ limit: 1 });
    expect(head.length).toBeGreaterThan(0);
    await settled(2);
    await expectSecretsKept();

    const full = await download();
    const lines = full.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(CARDS + 1);
    expect(head.length).toBeLessThan(full.length);
    await settled(3);
    await expectSecretsKept();

    // Everything but (at least) the last byte read, then broken off: the server has sent it all
    // and cannot know the last bytes never arrived.
    const almost = await download({ limit: full.length - 1 });
    expect(almost.length).toBeGreaterThanOrEqual(full.length - 1);
    await settled(4);
    await expectSecretsKept();

    const again = await download();
    await settled(5);
    await expectSecretsKept();
    const sha256 = createHash('sha256').update(full).digest('hex');
    expect(createHash('sha256').update(again).digest('hex')).toBe(sha256);
    // The checksum a confirmation must match is that of the file sent.
    expect(await db.batch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({ printFileSha256: sha256, printFileDownloadedAt: expect.any(Date) });
    expect(await db.auditEvent.count({ where: { targetId: batchId, action: 'secrets.release_started' } })).toBe(5);
    expect(await db.auditEvent.count({ where: { targetId: batchId, action: 'secrets.released' } })).toBe(0);
  });
});
