import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { createBatchSchema } from '@/lib/cards/schemas';
import { relaxPrintReleaseApproval } from '@/lib/testing/dual-control';
import { seedAccount, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { confirmRelease } from './confirm-release';
import { beginRelease, getPrintRunRelease } from './release-secrets';
import { readAll, unzip } from '@/lib/testing/vault-fixtures';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('one-time print file release as a ZIP', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let nextId = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    await relaxPrintReleaseApproval(t.db, account.id); // runs above 1,000 cards: the release mechanics, not dual control
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function readyBatch(count: number, barcode = true) {
    const prefix = `Z${++nextId}`;
    const input = createBatchSchema.parse({
      cards: Array.from({ length: count }, (_, i) => ({ card_id: `${prefix}-${String(i).padStart(5, '0')}` })),
      options: { pin: { format: { length: 6, numbers: true } }, card_token: { format: { length: 16, numbers: true, barcode } } },
    });
    const result = await createCardBatch(admin, input);
    const expected = input.cards.map(
      (c, i) => `${c.card_id},${result.secrets[i]!.token},${result.secrets[i]!.pin},${barcode ? result.secrets[i]!.token : ''}\r\n`,
    );
    return { batch: result.batch, expected, cardIds: input.cards.map((c) => c.card_id) };
  }

  const vaultChunks = (id: string) => t.db.secretVaultChunk.count({ where: { batchId: id } });
  const audits = (id: string, action: string) => t.db.auditEvent.findMany({ where: { targetId: id, action }, orderBy: { createdAt: 'asc' } });

  it('streams the CSV, a PNG per card and the proof sheet, records the SHA-256 of the ZIP; its confirmation destroys the vault', async () => {
    const { batch, expected, cardIds } = await readyBatch(1_234);
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD, { format: 'zip' });
    expect(release.fileName).toBe(`print-run-${batch.id}.zip`);
    expect(release.contentType).toBe('application/zip');
    const bytes = await readAll(release.stream);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await expect(release.finished).resolves.toEqual({ status: 'downloaded', sha256, rows: 1_234 });

    const entries = await unzip(bytes);
    expect(entries.size).toBe(1_234 + 2);
    expect(entries.get('print-file.csv')!.toString('utf8')).toBe(`card_id,card_token,pin,barcode_payload\r\n${expected.join('')}`);
    expect(entries.get('proof.pdf')!.subarray(0, 4).toString('latin1')).toBe('%PDF');
    for (const id of cardIds) expect(entries.get(`barcodes/${id}.png`)?.subarray(0, 8).equals(PNG_SIGNATURE), id).toBe(true);

    expect((await audits(batch.id, 'secrets.release_started'))[0]?.data).toMatchObject({ format: 'zip' });
    expect((await audits(batch.id, 'secrets.downloaded'))[0]?.data).toEqual({ rows: 1_234, sha256, format: 'zip' });
    expect(await vaultChunks(batch.id)).toBe(2);
    await confirmRelease(admin, { batchId: batch.id, password: TEST_PASSWORD, sha256 });
    expect(await vaultChunks(batch.id)).toBe(0);
    expect((await getPrintRunRelease(admin, batch.id)).released).toMatchObject({ by: admin.email, sha256 });
    expect((await audits(batch.id, 'secrets.released'))[0]?.data).toMatchObject({ sha256, vault_chunks_deleted: 2 });
    await expect(beginRelease(admin, batch.id, TEST_PASSWORD, { format: 'zip' })).rejects.toMatchObject({ code: 'CONFLICT' });
  }, 120_000);

  it('a web run whose token format has no barcode gets no barcode payload, no barcode images', async () => {
    const { batch, expected } = await readyBatch(3, false);
    // As the order form records it (API batches always print the barcode: see the next test).
    await t.db.batch.update({ where: { id: batch.id }, data: { spec: { ...(batch.spec as object), source: 'web' } } });
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD, { format: 'zip' });
    const entries = await unzip(await readAll(release.stream));
    expect(await release.finished).toMatchObject({ status: 'downloaded', rows: 3 });
    expect([...entries.keys()]).toEqual(['print-file.csv', 'proof.pdf']);
    expect(entries.get('print-file.csv')!.toString('utf8')).toBe(`card_id,card_token,pin,barcode_payload\r\n${expected.join('')}`);
    expect(expected[0]).toMatch(/,\r\n$/);
  });

  it('a Wallet API batch prints the barcode whatever its format says (there it only concerns barcode_128)', async () => {
    const { batch, expected } = await readyBatch(2, false);
    // As the Wallet API route records it (an API client's batch).
    await t.db.batch.update({ where: { id: batch.id }, data: { spec: { ...(batch.spec as object), source: 'api' } } });
    const release = await beginRelease(admin, batch.id, TEST_PASSWORD, { format: 'zip' });
    const entries = await unzip(await readAll(release.stream));
    await release.finished;
    expect([...entries.keys()]).toHaveLength(4);
    const rows = entries.get('print-file.csv')!.toString('utf8').split('\r\n').slice(1, -1);
    for (const row of rows) expect(row.split(',')[3]).toBe(row.split(',')[1]);
    expect(rows).toHaveLength(expected.length);
  });

  it('a ZIP download that breaks off keeps the secrets and the lease is cleared', async () => {
    const { batch, expected } = await readyBatch(30);
    const broken = await beginRelease(admin, batch.id, TEST_PASSWORD, { format: 'zip' });
    const reader = broken.stream.getReader();
    for (let i = 0; i < 5; i++) await reader.read();
    await reader.cancel(new Error('connection reset'));
    await expect(broken.finished).resolves.toMatchObject({ status: 'aborted', reason: 'cancelled', isLeaseCleared: true });
    expect(await vaultChunks(batch.id)).toBe(1);
    expect((await audits(batch.id, 'secrets.release_aborted'))[0]?.data).toMatchObject({ reason: 'cancelled', format: 'zip' });

    const retry = await beginRelease(admin, batch.id, TEST_PASSWORD);
    expect((await readAll(retry.stream)).toString('utf8')).toBe(`card_id,card_token,pin,barcode_payload\r\n${expected.join('')}`);
    await expect(retry.finished).resolves.toMatchObject({ status: 'downloaded', rows: 30 });
  }, 60_000);
});
