import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * For tests of the print-file release mechanics with runs above the default dual-control
 * threshold (1,000 cards): the account's threshold is raised out of the way. Dual control itself
 * is tested in lib/approvals.
 */
export async function relaxPrintReleaseApproval(db: PrismaClient, accountId: string, maxCards = 10_000_000): Promise<void> {
  await db.dualControlSettings.upsert({
    where: { accountId },
    create: { accountId, printReleaseMaxCards: maxCards, updatedBy: 'test' },
    update: { printReleaseMaxCards: maxCards },
  });
}
