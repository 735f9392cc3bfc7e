-- CreateTable
CREATE TABLE "liability_snapshots" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(9) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "sale_store_id" UUID,
    "batch_id" UUID,
    "card_type" "CardType" NOT NULL,
    "balance" BIGINT NOT NULL,

    CONSTRAINT "liability_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "liability_snapshot_runs" (
    "account_id" VARCHAR(9) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "row_count" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "liability_snapshot_runs_pkey" PRIMARY KEY ("account_id","at")
);

-- CreateTable
CREATE TABLE "ledger_day_totals" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(9) NOT NULL,
    "day" DATE NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "category" VARCHAR(40) NOT NULL,
    "sale_store_id" UUID,
    "store_id" UUID,
    "amount" BIGINT NOT NULL,
    "row_count" INTEGER NOT NULL,

    CONSTRAINT "ledger_day_totals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_day_cursors" (
    "account_id" VARCHAR(9) NOT NULL,
    "through" DATE NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_day_cursors_pkey" PRIMARY KEY ("account_id")
);

-- CreateIndex
CREATE INDEX "liability_snapshots_account_id_at_idx" ON "liability_snapshots"("account_id", "at");

-- CreateIndex
CREATE INDEX "ledger_day_totals_account_id_day_idx" ON "ledger_day_totals"("account_id", "day");

-- CreateIndex
CREATE INDEX "card_transactions_account_id_kind_created_at_idx" ON "card_transactions"("account_id", "kind", "created_at");

-- AddForeignKey
ALTER TABLE "liability_snapshots" ADD CONSTRAINT "liability_snapshots_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "liability_snapshot_runs" ADD CONSTRAINT "liability_snapshot_runs_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_day_totals" ADD CONSTRAINT "ledger_day_totals_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_day_cursors" ADD CONSTRAINT "ledger_day_cursors_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
