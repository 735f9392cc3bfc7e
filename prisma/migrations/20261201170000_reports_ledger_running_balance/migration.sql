-- AlterEnum
ALTER TYPE "LedgerKind" ADD VALUE 'EXPIRY';

-- AlterTable
-- balance_after and seq are filled for the existing rows below, then balance_after becomes NOT NULL.
ALTER TABLE "card_transactions" ADD COLUMN     "balance_after" BIGINT,
ADD COLUMN     "sale_store_id" UUID,
ADD COLUMN     "seq" BIGSERIAL NOT NULL,
ADD COLUMN     "store_id" UUID;

-- Existing rows: the running balance per card in the order the rows were written, with the
-- balance signs of lib/cards/ledger.ts; the sale store as the card records it now (a card whose
-- sale was undone before this migration has none on its old rows).
-- The ledger is append-only (migration append_only_ledger_and_audit): the trigger is set aside
-- for this one backfill of the new, derived columns only, and restored in the same transaction.
ALTER TABLE "card_transactions" DISABLE TRIGGER "card_transactions_append_only";
WITH ordered AS (
  SELECT id,
         row_number() OVER (ORDER BY created_at, id) AS n,
         sum(CASE WHEN kind = 'FUND' THEN amount
                  WHEN kind IN ('DRAWDOWN', 'CAPTURE', 'REVERSAL', 'WRITE_OFF') THEN -amount
                  ELSE 0 END) OVER (PARTITION BY card_pk ORDER BY created_at, id ROWS UNBOUNDED PRECEDING) AS running
  FROM "card_transactions"
)
UPDATE "card_transactions" t
SET balance_after = o.running, seq = o.n
FROM ordered o WHERE o.id = t.id;
SELECT setval(pg_get_serial_sequence('"card_transactions"', 'seq'), COALESCE((SELECT max(seq) FROM "card_transactions"), 0) + 1, false);
UPDATE "card_transactions" t
SET sale_store_id = c.activated_store_id,
    store_id = CASE WHEN t.kind = 'FUND' AND t.ref_id LIKE 'activation:%' THEN c.activated_store_id END
FROM "cards" c WHERE c.id = t.card_pk AND c.activated_store_id IS NOT NULL;
ALTER TABLE "card_transactions" ENABLE TRIGGER "card_transactions_append_only";
ALTER TABLE "card_transactions" ALTER COLUMN "balance_after" SET NOT NULL;
ALTER TABLE "card_transactions" ADD CONSTRAINT "card_transactions_balance_after_check" CHECK (balance_after >= 0);

-- CreateTable
CREATE TABLE "accounting_accounts" (
    "account_id" VARCHAR(9) NOT NULL,
    "category" VARCHAR(40) NOT NULL,
    "ledger_code" VARCHAR(20) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" VARCHAR(255) NOT NULL,

    CONSTRAINT "accounting_accounts_pkey" PRIMARY KEY ("account_id","category")
);

-- CreateTable
CREATE TABLE "accounting_periods" (
    "account_id" VARCHAR(9) NOT NULL,
    "month" CHAR(7) NOT NULL,
    "mapping" JSONB NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "closed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_by" VARCHAR(255) NOT NULL,

    CONSTRAINT "accounting_periods_pkey" PRIMARY KEY ("account_id","month")
);

-- CreateIndex
CREATE INDEX "card_transactions_account_id_card_pk_created_at_seq_balance_idx" ON "card_transactions"("account_id", "card_pk", "created_at" DESC, "seq" DESC, "balance_after", "currency");

-- AddForeignKey
ALTER TABLE "accounting_accounts" ADD CONSTRAINT "accounting_accounts_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounting_periods" ADD CONSTRAINT "accounting_periods_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
