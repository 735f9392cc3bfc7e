// Both CSV files of a print run (the card list and the one-time print file) made from Wallet API
// input a spreadsheet would otherwise run: free-text card ids and a token prefix. Every value is
// still read back exactly by the documented rule (lib/csv/spreadsheet-safe.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { createBatchSchema } from '@/lib/cards/schemas';
import { restoreCsvValue } from '@/lib/csv/spreadsheet-safe';
import { seedAccount, seedUser, TEST_PASSWORD } from '@/lib/testing/actors';
import { formulaCells, spreadsheetCells } from '@/lib/testing/spreadsheet-csv';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { exportBatchCardsCsv } from './get-print-run';
import { beginRelease } from './release-secrets';

const HOSTILE_IDS = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', "x;=cmd|' /C calc'!A0", 'a,=b', 'tab\t=1', "'quoted", 'plain-1'];

async function text(source: AsyncIterable<string | Uint8Array> | ReadableStream<Uint8Array>): Promise<string> {
  let out = '';
  const decoder = new TextDecoder();
  for await (const part of source as AsyncIterable<string | Uint8Array>) out += typeof part === 'string' ? part : decoder.decode(part, { stream: true });
  return out;
}

describe('CSV exports of API-made cards', () => {
  let t: TestDatabase;
  let admin: UserActor;
  let batchId: string;
  let secrets: { cardId: string; token: string; pin: string }[];

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    admin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
    const input = createBatchSchema.parse({
      cards: HOSTILE_IDS.map((card_id) => ({ card_id })),
      options: {
        pin: { format: { length: 4, prefix: '-', numbers: true } },
        card_token: { format: { length: 12, prefix: '=X;@', numbers: true, barcode: true } },
      },
    });
    const result = await createCardBatch(admin, input);
    batchId = result.batch.id;
    secrets = input.cards.map((c, i) => ({ cardId: c.card_id, token: result.secrets[i]!.token, pin: result.secrets[i]!.pin }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('the card list has no cell a spreadsheet would run, with any separator, and reads back exactly', async () => {
    const csv = await text((await exportBatchCardsCsv(admin, batchId)).rows);
    expect(formulaCells(csv)).toEqual([]);
    const [header, ...rows] = spreadsheetCells(csv, ',').map((row) => row.map(restoreCsvValue));
    expect(header).toEqual(['card_id', 'status', 'masked_code']);
    expect(rows.map((r) => r[0]).sort()).toEqual([...HOSTILE_IDS].sort());
    for (const row of rows) expect(row[2]).toMatch(/^=X;@\*{8}\d{4}$/);
    // The semicolon-locale case of the report: the id stays inside its quoted field.
    expect(csv).toContain(`"x;'=cmd|'' /C calc'!A0"`);
  });

  it('the print file has no cell a spreadsheet would run, and gives the manufacturer every value exactly', async () => {
    const release = await beginRelease(admin, batchId, TEST_PASSWORD);
    const csv = await text(release.stream);
    await expect(release.finished).resolves.toMatchObject({ status: 'downloaded' });
    expect(formulaCells(csv)).toEqual([]);
    const [header, ...rows] = spreadsheetCells(csv, ',').map((row) => row.map(restoreCsvValue));
    expect(header).toEqual(['card_id', 'card_token', 'pin', 'barcode_payload']);
    const byId = (a: string[], b: string[]) => (a[0]! < b[0]! ? -1 : 1);
    expect(rows.sort(byId)).toEqual(secrets.map((s) => [s.cardId, s.token, s.pin, s.token]).sort(byId));
    expect(rows[0]![1]).toMatch(/^=X;@\d{12}$/);
  });
});
