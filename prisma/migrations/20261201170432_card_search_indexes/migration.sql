-- CreateIndex
CREATE INDEX "audit_events_account_id_action_created_at_idx" ON "audit_events"("account_id", "action", "created_at");

-- CreateIndex
CREATE INDEX "audit_events_account_id_actor_id_created_at_idx" ON "audit_events"("account_id", "actor_id", "created_at");

-- CreateIndex
CREATE INDEX "cards_account_id_created_at_id_idx" ON "cards"("account_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "cards_account_id_activated_at_id_idx" ON "cards"("account_id", "activated_at", "id");

-- CreateIndex
CREATE INDEX "cards_account_id_expires_at_id_idx" ON "cards"("account_id", "expires_at", "id");

-- CreateIndex
CREATE INDEX "cards_account_id_balance_id_idx" ON "cards"("account_id", "balance", "id");

-- Hand-written (Prisma cannot express these; its schema engine ignores them):
-- the last digits of a token are the end of the masked code, so a suffix search is a prefix search
-- on the reversed code ("1234" finds reverse(masked_code) LIKE '4321%').
CREATE INDEX "cards_account_id_masked_code_reverse_idx" ON "cards"("account_id", reverse("masked_code") text_pattern_ops);
-- A card-id prefix: LIKE 'x%' can use a btree only with pattern ops (whatever the collation).
CREATE INDEX "cards_account_id_card_id_pattern_idx" ON "cards"("account_id", ("card_id"::text) text_pattern_ops);
-- Blocked cards are few among a million: a partial index keeps the status filter "blocked" cheap.
CREATE INDEX "cards_account_id_blocked_at_idx" ON "cards"("account_id", "blocked_at") WHERE "blocked_at" IS NOT NULL;
