import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { createBatchSchema } from '@/lib/cards/schemas';
import { relaxPrintReleaseApproval } from '@/lib/testing/dual-control';
import { seedAccount, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { confirmRelease, confirmReleaseSchema } from './confirm-release';
import { destroyExpiredSecrets } from './destroy-expired-secrets';
import { beginRelease, getPrintRunRelease, MAX_PASSWORD_FAILURES, RELEASE_LEASE_MS, recordPrintRunView } from './release-secrets';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (let part = await reader.read(); !part.done; part = await reader.read()) parts.push(part.value);
  return Buffer.concat(parts);
}

function csvRows(bytes: Buffer): string[][] {
  // The generated values hold no comma, quote or line break, so a plain split is exact here.
  return bytes
    .toString('utf8')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));
}

describe('one-time print file release', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let staff: UserActor;
  let otherAdmin: UserActor;
  let nextId = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    await relaxPrintReleaseApproval(t.db, account.id); // runs above 1,000 cards: the release mechanics, not dual control
    const other = await seedAccount(t.db);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    staff = await seedUser(t.db, { accountId: account.id, role: 'HQ_STAFF' });
    otherAdmin = await seedUser(t.db, { accountId: other.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A READY batch with its vault, made the way the Wallet API makes one. */
  async function readyBatch(count: number, barcode = true) {
    const prefix = `R${++nextId}`;
    const input = createBatchSchema.parse({
      cards: Array.from({ length: count }, (_, i) => ({ card_id: `${prefix}-${String(i).padStart(5, '0')}` })),
      options: {
        pin: { format: { length: 6, numbers: true } },
        card_token: { format: { length: 12, prefix: 'GC=', numbers: true, characters: true, symbols: true, barcode } },
      },
    });
    const result = await createCardBatch(admin, input);
    const expected = input.cards.map((c, i) => [c.card_id, result.secrets[i]!.token, result.secrets[i]!.pin, barcode ? result.secrets[i]!.token : '']);
    return { batch: result.batch, expected };
  }

  const batchRow = (id: string) => t.db.batch.findUniqueOrThrow({ where: { id } });
  const vaultChunks = (id: string) => t.db.secretVaultChunk.count({ where: { batchId: id } });
  const audits = (id: string, action: string) => t.db.auditEvent.findMany({ where: { targetId: id, action }, orderBy: { createdAt: 'asc' } });

  const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  /** As the page sends it: through the form's schema (which trims and lower-cases the checksum). */
  const confirm = (actor: UserActor, batchId: string, sha256: string, password = TEST_PASSWORD) =>
    confirmRelease(actor, confirmReleaseSchema.parse({ batchId, password, sha256 }));

  it('a download destroys nothing; confirming its SHA-256 does, once; then a download is refused', async () => {
    const { batch, expected } = await readyBatch(2_345);
    expect(await vaultChunks(batch.id)).toBe(3);

    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    expect(release.fileName).toBe(`print-run-${batch.id}.csv`); // API batches carry no id range
    const bytes = await readAll(release.stream);
    const sha256 = sha256Of(bytes);

    const [header, ...rows] = csvRows(bytes);
    expect(header).toEqual(['card_id', 'card_token', 'pin', 'barcode_payload']);
    expect(rows).toEqual(expected);
    expect(rows[0]![1]).toMatch(/^GC=[0-9A-Z#$%*+\-=?@]{12}$/);
    await expect(release.finished).resolves.toEqual({ status: 'downloaded', sha256, rows: 2_345 });

    // Streamed to its end is not received: the vault stays and the download awaits confirmation.
    expect(await vaultChunks(batch.id)).toBe(3);
    const downloaded = await batchRow(batch.id);
    expect(downloaded).toMatchObject({
      secretsState: 'AWAITING_RELEASE',
      secretsReleasedAt: null,
      printFileDownloadedBy: `user:${admin.userId}`,
      printFileSha256: sha256,
    });
    expect((await audits(batch.id, 'secrets.downloaded')).map((a) => a.data)).toEqual([{ rows: 2_345, sha256, format: 'csv' }]);
    const pending = await getPrintRunRelease(admin, batch.id);
    expect(pending).toMatchObject({ isReleasable: true, released: null, unconfirmedDownload: { by: admin.email, at: downloaded.printFileDownloadedAt } });
    expect(JSON.stringify(pending)).not.toContain(sha256); // the page must not hand out the value to confirm

    const record = await confirm(admin, batch.id, ` ${sha256.toUpperCase()}\n`);
    expect(record).toMatchObject({ batchId: batch.id, by: admin.email, sha256, isRepeat: false });
    expect(await vaultChunks(batch.id)).toBe(0);
    const after = await batchRow(batch.id);
    expect(after).toMatchObject({ secretsState: 'RELEASED', secretsReleasedBy: `user:${admin.userId}`, secretsReleasedAt: record.at, printFileSha256: sha256 });
    const [released] = await audits(batch.id, 'secrets.released');
    expect(released).toMatchObject({
      actorType: 'USER',
      actorId: admin.userId,
      data: { sha256, downloaded_by: `user:${admin.userId}`, vault_chunks_deleted: 3 },
    });

    const view = await getPrintRunRelease(admin, batch.id);
    expect(view.released).toMatchObject({ by: admin.email, sha256 });
    expect(view).toMatchObject({ isReleasable: false, unconfirmedDownload: null });

    // Confirming again is the same answer, not an error, and changes nothing.
    await expect(confirm(admin, batch.id, sha256)).resolves.toEqual({ ...record, isRepeat: true });
    expect(await audits(batch.id, 'secrets.released')).toHaveLength(1);
    await expect(confirm(admin, batch.id, 'b'.repeat(64))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already released') });

    // A new download is refused and says by whom and when.
    const second = beginRelease(admin, batch.id, TEST_PASSWORD);
    await expect(second).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(second).rejects.toThrow(`already released by ${admin.email} at ${after.secretsReleasedAt!.toISOString()}`);
    expect((await audits(batch.id, 'secrets.release_refused')).map((a) => a.data)).toEqual([{ reason: 'already_released' }]);

    // No secret or password ever reaches the audit log.
    const log = JSON.stringify(await t.db.auditEvent.findMany({ where: { targetId: batch.id } }));
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain(expected[0]![1]);
  });

  it("a checksum that is not the download's is refused and keeps the vault; the right one then releases", async () => {
    const { batch } = await readyBatch(3);
    await expect(confirm(admin, batch.id, 'a'.repeat(64))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('download it first') });

    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    const bytes = await readAll(release.stream);
    await release.finished;
    // What a client holds when the connection broke before the last bytes.
    const truncated = sha256Of(bytes.subarray(0, bytes.length - 1));
    const refused = confirm(admin, batch.id, truncated);
    await expect(refused).rejects.toMatchObject({ code: 'CONFLICT', details: { fieldErrors: { sha256: [expect.stringContaining('secrets were kept')] } } });
    await expect(confirm(admin, batch.id, 'not a checksum')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await batchRow(batch.id)).toMatchObject({ secretsState: 'AWAITING_RELEASE' });
    expect(await vaultChunks(batch.id)).toBe(1);
    expect((await audits(batch.id, 'secrets.confirm_refused')).map((a) => a.data)).toEqual([
      { reason: 'no_download' },
      { reason: 'checksum_mismatch' },
      { reason: 'malformed_checksum', step: 'confirm' },
    ]);

    await expect(confirm(admin, batch.id, sha256Of(bytes))).resolves.toMatchObject({ isRepeat: false });
    expect(await vaultChunks(batch.id)).toBe(0);
  });

  it('confirming takes the same checks as downloading: admin, own account, password', async () => {
    const { batch } = await readyBatch(2);
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    const sha256 = sha256Of(await readAll(release.stream));
    await release.finished;
    await expect(confirm(staff, batch.id, sha256)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(confirm(otherAdmin, batch.id, sha256)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confirm(admin, batch.id, sha256, 'not-my-password')).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Password incorrect' });
    await expect(confirm(admin, 'not-a-uuid', sha256)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await audits(batch.id, 'secrets.release_refused')).map((a) => a.data)).toEqual([{ reason: 'permission', step: 'confirm' }]);
    expect((await audits(batch.id, 'secrets.release_refused_password')).map((a) => a.data)).toEqual([{ reason: 'password', step: 'confirm' }]);
    expect(await batchRow(batch.id)).toMatchObject({ secretsState: 'AWAITING_RELEASE' });
    expect(await vaultChunks(batch.id)).toBe(1);
  });

  it('downloading again before confirming gives the same bytes, CSV and ZIP; the latest download is the one to confirm', async () => {
    const { batch } = await readyBatch(30);
    const download = async (format: 'csv' | 'zip') => {
      const release = await beginRelease(admin, batch.id, TEST_PASSWORD, { format });
      const bytes = await readAll(release.stream);
      await expect(release.finished).resolves.toMatchObject({ status: 'downloaded' });
      return sha256Of(bytes);
    };
    const csv = await download('csv');
    expect(await download('csv')).toBe(csv);
    const zip = await download('zip');
    expect(await download('zip')).toBe(zip);
    expect(zip).not.toBe(csv);
    expect((await audits(batch.id, 'secrets.release_started')).map((a) => (a.data as { format: string }).format)).toEqual(['csv', 'csv', 'zip', 'zip']);

    // The CSV was sent, but the ZIP came later: only the ZIP's checksum is the one to confirm.
    await expect(confirm(admin, batch.id, csv)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await vaultChunks(batch.id)).toBe(1);
    await expect(confirm(admin, batch.id, zip)).resolves.toMatchObject({ sha256: zip });
  });

  it('two simultaneous confirmations release once; the other gets the same record', async () => {
    const { batch } = await readyBatch(4);
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    const sha256 = sha256Of(await readAll(release.stream));
    await release.finished;
    const records = await Promise.all([confirm(admin, batch.id, sha256), confirm(admin, batch.id, sha256)]);
    expect(records.map((r) => r.isRepeat).sort()).toEqual([false, true]);
    expect(records[0]!.at).toEqual(records[1]!.at);
    expect(await audits(batch.id, 'secrets.released')).toHaveLength(1);
    expect(await vaultChunks(batch.id)).toBe(0);
  });

  it("the retention deadline destroys an unconfirmed download's secrets; it can no longer be confirmed", async () => {
    const { batch } = await readyBatch(2);
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    const sha256 = sha256Of(await readAll(release.stream));
    await release.finished;
    await t.db.batch.update({ where: { id: batch.id }, data: { secretsDeadline: new Date(Date.now() - 1000) } });
    await destroyExpiredSecrets();
    expect(await batchRow(batch.id)).toMatchObject({ secretsState: 'DESTROYED' });
    expect(await vaultChunks(batch.id)).toBe(0);
    await expect(confirm(admin, batch.id, sha256)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('destroyed unreleased') });
  });

  it('a wrong password is refused, audited and changes nothing', async () => {
    const { batch } = await readyBatch(3);
    await expect(beginRelease(admin, batch.id, 'not-my-password')).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Password incorrect' });
    const [refused] = await audits(batch.id, 'secrets.release_refused_password');
    expect(refused).toMatchObject({ actorId: admin.userId, data: { reason: 'password' } });
    expect(JSON.stringify(refused)).not.toContain('not-my-password');
    expect(await batchRow(batch.id)).toMatchObject({ secretsState: 'AWAITING_RELEASE', secretsReleasedAt: null });
    expect(await vaultChunks(batch.id)).toBe(1);
  });

  it(`after ${MAX_PASSWORD_FAILURES} wrong passwords even the right one is refused for a while`, async () => {
    const careless = await seedUser(t.db, { accountId: admin.accountId, role: 'HQ_ADMIN' });
    const { batch } = await readyBatch(1);
    for (let i = 0; i < MAX_PASSWORD_FAILURES; i++) {
      await expect(beginRelease(careless, batch.id, `guess-${i}`)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(beginRelease(careless, batch.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    // Another admin is not affected.
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    await readAll(release.stream);
    await expect(release.finished).resolves.toMatchObject({ status: 'downloaded' });
    // Wrong passwords at the confirmation count too: the careless admin cannot confirm either.
    await expect(confirm(careless, batch.id, 'a'.repeat(64))).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });

  it('HQ staff may not release, another account cannot see the batch, and a malformed id is not found', async () => {
    const { batch } = await readyBatch(2);
    await expect(beginRelease(staff, batch.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await audits(batch.id, 'secrets.release_refused')).map((a) => a.data)).toEqual([{ reason: 'permission' }]);
    await expect(beginRelease(otherAdmin, batch.id, TEST_PASSWORD)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getPrintRunRelease(otherAdmin, batch.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordPrintRunView(otherAdmin, batch.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(beginRelease(admin, 'not-a-uuid', TEST_PASSWORD)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await batchRow(batch.id)).toMatchObject({ secretsState: 'AWAITING_RELEASE', secretsReleasedAt: null });
    expect(await vaultChunks(batch.id)).toBe(1);
  });

  it('a broken download keeps the secrets and clears the lease; a later download gets them all', async () => {
    const { batch, expected } = await readyBatch(1_500);
    const broken = await beginRelease(admin, batch.id, TEST_PASSWORD);
    const reader = broken.stream.getReader();
    await reader.read(); // header
    await reader.read(); // the first 1,000 cards
    expect((await batchRow(batch.id)).secretsReleasedAt).toBeInstanceOf(Date);
    await reader.cancel(new Error('connection reset'));
    await expect(broken.finished).resolves.toEqual({ status: 'aborted', reason: 'cancelled', isLeaseCleared: true });

    expect(await batchRow(batch.id)).toMatchObject({ secretsState: 'AWAITING_RELEASE', secretsReleasedAt: null, printFileSha256: null });
    expect(await vaultChunks(batch.id)).toBe(2);
    const [aborted] = await audits(batch.id, 'secrets.release_aborted');
    expect(aborted?.data).toEqual({ reason: 'cancelled', format: 'csv', rows_sent: 1_000, lease_cleared: true });

    const retry = await beginRelease(admin, batch.id, TEST_PASSWORD);
    const bytes = await readAll(retry.stream);
    const [, ...rows] = csvRows(bytes);
    expect(rows).toEqual(expected);
    await expect(retry.finished).resolves.toMatchObject({ status: 'downloaded', rows: 1_500 });
    expect(await vaultChunks(batch.id)).toBe(2);
    await confirm(admin, batch.id, sha256Of(bytes));
    expect(await vaultChunks(batch.id)).toBe(0);
  });

  it('abort() before the response is read gives the lease back', async () => {
    const { batch } = await readyBatch(2);
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD);
    await expect(release.abort()).resolves.toMatchObject({ status: 'aborted', isLeaseCleared: true });
    expect(await batchRow(batch.id)).toMatchObject({ secretsState: 'AWAITING_RELEASE', secretsReleasedAt: null });
  });

  it('two simultaneous downloads cannot both run', async () => {
    const { batch } = await readyBatch(5);
    const attempts = await Promise.allSettled([beginRelease(admin, batch.id, TEST_PASSWORD), beginRelease(admin, batch.id, TEST_PASSWORD)]);
    const started = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const refused = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason] : []));
    expect(started).toHaveLength(1);
    expect(refused).toEqual([expect.objectContaining({ code: 'CONFLICT', message: 'A release of this print run is in progress' })]);
    expect((await getPrintRunRelease(admin, batch.id)).releaseInProgressSince).toBeInstanceOf(Date);

    await readAll(started[0]!.stream);
    await expect(started[0]!.finished).resolves.toMatchObject({ status: 'downloaded', rows: 5 });
    expect((await getPrintRunRelease(admin, batch.id)).releaseInProgressSince).toBeNull();
  });

  it('a download whose server died blocks the next one for a minute, not longer', async () => {
    const { batch } = await readyBatch(3);
    // Started and never read, as when its server is killed: nothing clears the lease.
    await beginRelease(admin, batch.id, TEST_PASSWORD);
    const ageLease = (ms: number) => t.db.batch.update({ where: { id: batch.id }, data: { secretsReleasedAt: new Date(Date.now() - ms) } });
    await ageLease(30_000);
    await expect(beginRelease(admin, batch.id, TEST_PASSWORD)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A release of this print run is in progress',
    });
    await ageLease(61_000);
    const next = await beginRelease(admin, batch.id, TEST_PASSWORD);
    await readAll(next.stream);
    await expect(next.finished).resolves.toMatchObject({ status: 'downloaded', rows: 3 });
  });

  it('a download read slowly keeps its lease: a chunk every 40 s holds others off for minutes', async () => {
    const { batch, expected } = await readyBatch(4_000); // the header, then 4 vault chunks
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const slow = await beginRelease(admin, batch.id, TEST_PASSWORD);
      const reader = slow.stream.getReader();
      const parts: Uint8Array[] = [];
      let refused = 0;
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        parts.push(part.value);
        // The client takes its time; meanwhile nobody else may start (each renewal holds them off).
        vi.advanceTimersByTime(40_000);
        await expect(beginRelease(admin, batch.id, TEST_PASSWORD)).rejects.toMatchObject({
          code: 'CONFLICT',
          message: 'A release of this print run is in progress',
        });
        refused++;
      }
      expect(refused).toBe(5); // 200 s in all, far past one lease
      expect(csvRows(Buffer.concat(parts)).slice(1)).toEqual(expected);
      await expect(slow.finished).resolves.toMatchObject({ status: 'downloaded', rows: 4_000 });
      expect(await batchRow(batch.id)).toMatchObject({ secretsReleasedAt: null, printFileDownloadedAt: expect.any(Date) });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a stalled download loses its lease to a new one after RELEASE_LEASE_MS and then destroys nothing', async () => {
    const { batch, expected } = await readyBatch(4);
    const stalled = await beginRelease(admin, batch.id, TEST_PASSWORD);
    await t.db.batch.update({ where: { id: batch.id }, data: { secretsReleasedAt: new Date(Date.now() - RELEASE_LEASE_MS - 1000) } });
    const fresh = await beginRelease(admin, batch.id, TEST_PASSWORD);
    expect((await audits(batch.id, 'secrets.release_started')).map((a) => a.data)).toEqual([
      { quantity: 4, format: 'csv', took_over_stale_lease: false },
      { quantity: 4, format: 'csv', took_over_stale_lease: true },
    ]);

    await expect(readAll(stalled.stream)).rejects.toThrow('lease was lost');
    await expect(stalled.finished).resolves.toEqual({ status: 'aborted', reason: 'failed', isLeaseCleared: false });
    expect(await vaultChunks(batch.id)).toBe(1);

    const [, ...rows] = csvRows(await readAll(fresh.stream));
    expect(rows).toEqual(expected);
    await expect(fresh.finished).resolves.toMatchObject({ status: 'downloaded' });
    expect(await batchRow(batch.id)).toMatchObject({ printFileDownloadedAt: expect.any(Date) });
  });

  it('a print run that is not ready, or whose secrets were destroyed, has nothing to release', async () => {
    const running = await t.db.batch.create({
      data: {
        accountId: admin.accountId,
        quantity: 10,
        status: 'RUNNING',
        createdBy: `user:${admin.userId}`,
        spec: { first_card_id: 'X-01', last_card_id: 'X-10' },
      },
    });
    await expect(beginRelease(admin, running.id, TEST_PASSWORD)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('once the print run is ready'),
    });
    const destroyedAt = new Date('2026-01-02T03:04:05.000Z');
    const destroyed = await t.db.batch.create({
      data: { accountId: admin.accountId, quantity: 1, status: 'READY', secretsState: 'DESTROYED', secretsDestroyedAt: destroyedAt, createdBy: 'system' },
    });
    await expect(beginRelease(admin, destroyed.id, TEST_PASSWORD)).rejects.toThrow(`destroyed unreleased at ${destroyedAt.toISOString()}`);
    expect(await getPrintRunRelease(admin, running.id)).toMatchObject({ firstCardId: 'X-01', lastCardId: 'X-10', isReleasable: false });
  });

  it('views of the release page are audited', async () => {
    const { batch } = await readyBatch(1);
    await recordPrintRunView(admin, batch.id);
    const [view] = await audits(batch.id, 'print_run.view');
    expect(view).toMatchObject({ actorType: 'USER', actorId: admin.userId, data: { page: 'release' } });
  });
});
