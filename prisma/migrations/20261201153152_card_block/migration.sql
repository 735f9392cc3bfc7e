-- AlterTable
ALTER TABLE "cards" ADD COLUMN     "blocked_at" TIMESTAMPTZ(3),
ADD COLUMN     "blocked_by" VARCHAR(255),
ADD COLUMN     "blocked_note" VARCHAR(500),
ADD COLUMN     "blocked_reason" VARCHAR(32);

-- A block names its reason; an unblocked card has neither.
ALTER TABLE "cards" ADD CONSTRAINT "cards_blocked_reason_check" CHECK (
  ("blocked_at" IS NULL AND "blocked_reason" IS NULL)
  OR ("blocked_at" IS NOT NULL AND "blocked_reason" IN ('lost', 'stolen', 'suspected_fraud', 'damaged', 'customer_request', 'other'))
);
