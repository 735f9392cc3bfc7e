/**
 * The account's wallet settings (Dintero's GET/PATCH /wallets/settings), one row per account that
 * has set something. The HQ settings page's "default validity" is the same setting.
 */
import type { DbTx } from '@/lib/db/client';
import { getDb } from '@/lib/db/client';
import type { WalletSettings } from '@/lib/generated/prisma/client';

const DAY_MS = 86_400_000;

/** The contract's shape: only what has been set; `{}` when nothing has. */
export function walletSettingsView(row: WalletSettings | null) {
  if (!row) return {};
  return {
    ...(row.defaultCardExpiresInDays === null ? {} : { default_card_expires_in_days: row.defaultCardExpiresInDays }),
    created_at: row.createdAt.toISOString(),
    created_by: row.createdBy,
    updated_at: row.updatedAt.toISOString(),
    updated_by: row.updatedBy,
  };
}

/** The default validity in days, or null for none (unset and 0 both mean none). */
export async function defaultExpiryDays(accountId: string, db: DbTx = getDb()): Promise<number | null> {
  const row = await db.walletSettings.findUnique({ where: { accountId }, select: { defaultCardExpiresInDays: true } });
  const days = row?.defaultCardExpiresInDays ?? null;
  return days && days > 0 ? days : null;
}

/**
 * When a card created or activated without `expires_at` expires: `days` after `from` (creation
 * for a single card, activation for a batch card), or null for never. An explicit date wins.
 */
export function defaultExpiresAt(days: number | null, from: Date): Date | null {
  return days === null ? null : new Date(from.getTime() + days * DAY_MS);
}
