-- DropIndex
DROP INDEX "cards_batch_id_idx";

-- CreateIndex
CREATE INDEX "cards_batch_id_id_idx" ON "cards"("batch_id", "id");
