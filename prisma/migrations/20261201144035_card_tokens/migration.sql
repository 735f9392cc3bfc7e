-- AlterTable
ALTER TABLE "cards" ADD COLUMN     "token_expires_in" INTEGER,
ADD COLUMN     "token_single_use" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "token_used_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "card_tokens" (
    "id" UUID NOT NULL,
    "account_id" VARCHAR(9) NOT NULL,
    "card_pk" UUID NOT NULL,
    "token_hash" VARCHAR(128) NOT NULL,
    "masked_code" VARCHAR(128) NOT NULL,
    "format" JSONB NOT NULL,
    "ref_id" VARCHAR(255) NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "expires_in" INTEGER,
    "expires_at" TIMESTAMPTZ(3),
    "single_use" BOOLEAN NOT NULL DEFAULT false,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" VARCHAR(255) NOT NULL,

    CONSTRAINT "card_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "card_tokens_account_id_token_hash_key" ON "card_tokens"("account_id", "token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "card_tokens_card_pk_ref_id_key" ON "card_tokens"("card_pk", "ref_id");

-- AddForeignKey
ALTER TABLE "card_tokens" ADD CONSTRAINT "card_tokens_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "card_tokens" ADD CONSTRAINT "card_tokens_card_pk_fkey" FOREIGN KEY ("card_pk") REFERENCES "cards"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: only a single-use token can be used up, and a lifetime is at least a second (the
-- schema engine ignores CHECKs).
ALTER TABLE "card_tokens" ADD CONSTRAINT "card_tokens_used_only_if_single_use" CHECK ("used_at" IS NULL OR "single_use");
ALTER TABLE "card_tokens" ADD CONSTRAINT "card_tokens_expires_in_positive" CHECK ("expires_in" IS NULL OR "expires_in" >= 1);
ALTER TABLE "cards" ADD CONSTRAINT "cards_token_used_only_if_single_use" CHECK ("token_used_at" IS NULL OR "token_single_use");
ALTER TABLE "cards" ADD CONSTRAINT "cards_token_expires_in_positive" CHECK ("token_expires_in" IS NULL OR "token_expires_in" >= 1);
