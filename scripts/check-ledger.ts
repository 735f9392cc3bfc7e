// npm run check:ledger — for operators: lists every card whose cached balance or pending amount
// differs from its ledger (or is negative) on the configured database (DATABASE_URL, or the
// embedded one in CARDSTOCK_DATA_DIR), and exits 1 if there is any; 0 when the ledger holds.
import { checkLedger } from '@/lib/cards/check-ledger';
import { createDbClient } from '@/lib/db/client';
import { openConfiguredDatabase } from '@/lib/db/open';

const database = await openConfiguredDatabase();
const db = createDbClient(database.url, { max: 1 });
try {
  const report = await checkLedger(db, { limit: 1000 });
  for (const m of report.mismatches) {
    console.log(`${m.accountId} ${m.cardId}: balance ${m.cachedBalance} (ledger ${m.ledgerBalance}), pending ${m.cachedPending} (ledger ${m.ledgerPending})`);
  }
  if (report.mismatchCount > report.mismatches.length) console.log(`… and ${report.mismatchCount - report.mismatches.length} more.`);
  console.log(
    `${report.cards} cards, ${report.ledgerRows} ledger rows: ${report.mismatchCount === 0 ? 'the ledger holds' : `${report.mismatchCount} card(s) do not match their ledger`}.`,
  );
  process.exitCode = report.mismatchCount === 0 ? 0 : 1;
} finally {
  await db.$disconnect();
  await database.close();
}
