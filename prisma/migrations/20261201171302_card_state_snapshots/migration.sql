-- CreateTable
CREATE TABLE "card_state_snapshots" (
    "account_id" VARCHAR(9) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "card_pk" UUID NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "balance" BIGINT NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "card_state_snapshots_pkey" PRIMARY KEY ("account_id","at","card_pk")
);

-- Hand-written: a snapshot boundary is complete only with its card states (lib/reports/as-of.ts
-- reads them for every boundary liability_snapshot_runs marks). Snapshots are derived data: the
-- existing ones are dropped here and the worker rebuilds them, card states included, on its next
-- pass (lib/reports/liability-snapshots.ts); until then the reports sum from the first row.
DELETE FROM "liability_snapshots";
DELETE FROM "liability_snapshot_runs";
