-- AlterEnum
ALTER TYPE "LedgerKind" ADD VALUE 'WRITE_OFF';

-- AlterTable
ALTER TABLE "cards" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN     "deleted_by" VARCHAR(255);

-- CreateTable
CREATE TABLE "wallet_settings" (
    "account_id" VARCHAR(9) NOT NULL,
    "default_card_expires_in_days" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" VARCHAR(255) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" VARCHAR(255) NOT NULL,

    CONSTRAINT "wallet_settings_pkey" PRIMARY KEY ("account_id")
);

-- CreateIndex
CREATE INDEX "cards_account_id_customer_id_idx" ON "cards"("account_id", "customer_id");

-- AddForeignKey
ALTER TABLE "wallet_settings" ADD CONSTRAINT "wallet_settings_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the default validity is a whole number of days, 0 meaning none (as Dintero's).
ALTER TABLE "wallet_settings" ADD CONSTRAINT "wallet_settings_default_card_expires_in_days_check" CHECK ("default_card_expires_in_days" IS NULL OR "default_card_expires_in_days" >= 0);

-- Hand-written: the HQ policy's default validity in months becomes the one setting, in days
-- (a month = 365.25 / 12 days, rounded), before its column goes.
INSERT INTO "wallet_settings" ("account_id", "default_card_expires_in_days", "created_by", "updated_by")
SELECT "id", round("card_expiry_months" * 365.25 / 12)::int, 'system:migration', 'system:migration'
FROM "accounts" WHERE "card_expiry_months" IS NOT NULL;

-- AlterTable
ALTER TABLE "accounts" DROP COLUMN "card_expiry_months";
