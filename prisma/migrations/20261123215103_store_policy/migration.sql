-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "card_denominations" BIGINT[] DEFAULT ARRAY[]::BIGINT[],
ADD COLUMN     "card_expiry_months" INTEGER,
ADD COLUMN     "card_max_amount" BIGINT,
ADD COLUMN     "card_min_amount" BIGINT,
ADD COLUMN     "time_zone" VARCHAR(64) NOT NULL DEFAULT 'UTC';

-- CreateIndex
CREATE INDEX "cards_activated_store_id_activated_at_idx" ON "cards"("activated_store_id", "activated_at");

-- Hand-written: the policy stays coherent whatever writes it (the schema engine ignores CHECKs).
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_card_amount_limits" CHECK (
  ("card_min_amount" IS NULL OR "card_min_amount" > 0)
  AND ("card_max_amount" IS NULL OR "card_max_amount" > 0)
  AND ("card_min_amount" IS NULL OR "card_max_amount" IS NULL OR "card_min_amount" <= "card_max_amount")
);
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_card_expiry_months_range" CHECK ("card_expiry_months" IS NULL OR "card_expiry_months" BETWEEN 1 AND 600);
