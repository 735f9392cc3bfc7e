-- Hand-written: snapshots are derived data. The existing ones are dropped here (their card states
-- lack the dates added below, their boundaries the breakage inputs) and the worker rebuilds them
-- on its next pass (lib/reports/liability-snapshots.ts); until then the reports read the ledger.
DELETE FROM "card_state_snapshots";
DELETE FROM "liability_snapshots";
DELETE FROM "liability_snapshot_runs";

-- AlterTable
ALTER TABLE "card_state_snapshots" ADD COLUMN     "expires_at" TIMESTAMPTZ(3),
ADD COLUMN     "sold_at" TIMESTAMPTZ(3) NOT NULL;

-- AlterTable
ALTER TABLE "liability_snapshot_runs" ADD COLUMN     "card_states_dropped_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "breakage_curve_snapshots" (
    "account_id" VARCHAR(9) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "month" SMALLINT NOT NULL,
    "loaded" BIGINT NOT NULL,
    "redeemed" BIGINT NOT NULL,

    CONSTRAINT "breakage_curve_snapshots_pkey" PRIMARY KEY ("account_id","at","currency","month")
);

-- CreateTable
CREATE TABLE "breakage_cohort_snapshots" (
    "account_id" VARCHAR(9) NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "cards" INTEGER NOT NULL,
    "first_sale" TIMESTAMPTZ(3) NOT NULL,
    "last_expiry" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "breakage_cohort_snapshots_pkey" PRIMARY KEY ("account_id","at","currency")
);

-- CreateTable
CREATE TABLE "card_date_changes" (
    "id" BIGSERIAL NOT NULL,
    "account_id" VARCHAR(9) NOT NULL,
    "card_pk" UUID NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "card_date_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "card_date_changes_account_id_changed_at_idx" ON "card_date_changes"("account_id", "changed_at");

-- Hand-written: every change of the dates the reports bucket cards by on a card already sold is
-- logged, whatever writes it (expiry controls, the bulk expiry job, an undone sale), so a report
-- that takes a card's dates from a card-state snapshot re-reads the changed ones (lib/reports/as-of.ts).
-- changed_at is the changing transaction's start (now()): never after its commit.
-- (Prisma cannot express triggers; the schema engine ignores them.)
CREATE FUNCTION "cardstock_log_card_dates"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "card_date_changes" ("account_id", "card_pk", "changed_at") VALUES (NEW."account_id", NEW."id", now());
  RETURN NULL;
END;
$$;

CREATE TRIGGER "cards_log_dates"
  AFTER UPDATE OF "expires_at", "activated_at", "created_at" ON "cards"
  FOR EACH ROW
  -- Not for a card that was never sold (OLD.activated_at NULL): it had no balance, so no snapshot
  -- holds it, and from its first sale on it has ledger rows the reports re-read it by. That keeps
  -- this insert off the till's activation and off a bulk expiry change of unsold cards.
  WHEN (OLD."activated_at" IS NOT NULL
        AND (OLD."expires_at" IS DISTINCT FROM NEW."expires_at"
             OR OLD."activated_at" IS DISTINCT FROM NEW."activated_at"
             OR OLD."created_at" IS DISTINCT FROM NEW."created_at"))
  EXECUTE FUNCTION "cardstock_log_card_dates"();
