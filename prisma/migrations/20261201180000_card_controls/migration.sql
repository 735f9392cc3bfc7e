-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "LedgerKind" ADD VALUE 'ADJUST_CREDIT';
ALTER TYPE "LedgerKind" ADD VALUE 'ADJUST_DEBIT';
ALTER TYPE "LedgerKind" ADD VALUE 'REFUND';
ALTER TYPE "LedgerKind" ADD VALUE 'TRANSFER_OUT';
ALTER TYPE "LedgerKind" ADD VALUE 'TRANSFER_IN';

-- AlterTable
ALTER TABLE "cards" ADD COLUMN     "deactivated_at" TIMESTAMPTZ(3);

-- The controls block a card themselves: `replaced` (replace-card.ts) and `deactivated`
-- (deactivate-card.ts, which also sets deactivated_at; a deactivated card stays blocked for good).
ALTER TABLE "cards" DROP CONSTRAINT "cards_blocked_reason_check";
ALTER TABLE "cards" ADD CONSTRAINT "cards_blocked_reason_check" CHECK (
  ("blocked_at" IS NULL AND "blocked_reason" IS NULL)
  OR ("blocked_at" IS NOT NULL AND "blocked_reason" IN ('lost', 'stolen', 'suspected_fraud', 'damaged', 'customer_request', 'other', 'replaced', 'deactivated'))
);
ALTER TABLE "cards" ADD CONSTRAINT "cards_deactivated_blocked_check" CHECK (
  "deactivated_at" IS NULL OR ("blocked_at" IS NOT NULL AND "blocked_reason" = 'deactivated')
);
