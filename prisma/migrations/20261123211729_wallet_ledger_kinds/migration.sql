-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('FUND', 'DRAWDOWN', 'RESERVE', 'CAPTURE', 'RELEASE', 'REVERSAL');

-- AlterTable
ALTER TABLE "card_transactions" ADD COLUMN     "kind" "LedgerKind" NOT NULL;

-- AlterTable
ALTER TABLE "cards" ADD COLUMN     "pending" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "idempotency_records" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(9) NOT NULL,
    "actor" VARCHAR(255) NOT NULL,
    "key" VARCHAR(255) NOT NULL,
    "operation" VARCHAR(300) NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "status_code" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_records_account_id_actor_key_key" ON "idempotency_records"("account_id", "actor", "key");

-- Hand-written: what is reserved never exceeds the balance, so the available amount
-- (balance − pending) can never go below zero, whatever the code above it does.
ALTER TABLE "cards" ADD CONSTRAINT "cards_pending_not_negative" CHECK ("pending" >= 0);
ALTER TABLE "cards" ADD CONSTRAINT "cards_available_not_negative" CHECK ("balance" - "pending" >= 0);
