-- CreateIndex
CREATE INDEX "card_transactions_parent_id_idx" ON "card_transactions"("parent_id");
