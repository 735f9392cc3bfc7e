/**
 * Tests only: runs `change` in a transaction that may UPDATE the append-only ledger and audit log
 * (to move a card's history into the past, say). `session_replication_role = replica` skips the
 * append-only triggers for this transaction alone (the test databases' role is a superuser); the
 * application's own role can never do this, and every other session keeps the protection.
 */
import type { DbTx } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export async function rewriteHistoryForTest(db: PrismaClient, change: (tx: DbTx) => Promise<void>): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL session_replication_role = replica`;
    await change(tx);
  });
}
