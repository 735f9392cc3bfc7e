-- CreateEnum
CREATE TYPE "ApprovalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'EXECUTED');

-- CreateTable
CREATE TABLE "approval_requests" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(9) NOT NULL,
    "kind" VARCHAR(60) NOT NULL,
    "subject" VARCHAR(255) NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "reason" TEXT NOT NULL,
    "requested_by" VARCHAR(255) NOT NULL,
    "excluded_approvers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "ApprovalStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "approved_by" VARCHAR(255),
    "approved_at" TIMESTAMPTZ(3),
    "rejected_by" VARCHAR(255),
    "rejected_at" TIMESTAMPTZ(3),
    "decision_note" TEXT,
    "executed_at" TIMESTAMPTZ(3),

    CONSTRAINT "approval_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dual_control_settings" (
    "account_id" VARCHAR(9) NOT NULL,
    "print_release_max_cards" INTEGER NOT NULL DEFAULT 1000,
    "amount_thresholds" JSONB NOT NULL DEFAULT '{"NOK": 1000000}',
    "bulk_expiry_needs_approval" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" VARCHAR(255) NOT NULL,

    CONSTRAINT "dual_control_settings_pkey" PRIMARY KEY ("account_id")
);

-- CreateIndex
CREATE INDEX "approval_requests_account_id_status_created_at_idx" ON "approval_requests"("account_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "approval_requests_account_id_kind_subject_idx" ON "approval_requests"("account_id", "kind", "subject");

-- A threshold of cards is a count; an expiry is 24 h after creation, never before it.
ALTER TABLE "dual_control_settings" ADD CONSTRAINT "dual_control_settings_print_release_check" CHECK ("print_release_max_cards" >= 0);
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_expiry_check" CHECK ("expires_at" > "created_at");
