-- (No ':' before a letter inside string literals: pgbench would read it as a variable.)
-- pgbench baseline of POST /v1/accounts/{aid}/wallets/cards/{card_id}/activate (lib/cards/activate-card.ts):
-- the conditional status change, the opening FUND ledger row, the cached balance, the audit row.
-- Each transaction takes the next card of a pool of inactive cards 'pgbench-<n>' (bench_activation_seq).
SELECT nextval('bench_activation_seq') AS n \gset
BEGIN;
UPDATE cards SET status = 'unused', currency = 'NOK', amount = 500, customer_id = NULL, name = NULL, originated_by = NULL,
    metadata = '{}', active_from = now(), expires_at = NULL, activated_at = now(), activated_store_id = NULL, activated_by = 'api_client.pgbench'
  WHERE account_id = 'T12345678' AND card_id = 'pgbench-' || :n::text AND status = 'inactive'
    AND (batch_id IS NULL OR EXISTS (SELECT 1 FROM batches b WHERE b.id = cards.batch_id AND b.status = 'READY'))
  RETURNING id AS card_pk \gset
UPDATE cards SET balance = balance + 500, pending = pending + 0 WHERE id = :card_pk RETURNING balance AS balance_after \gset
INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, is_pending, metadata, created_by, balance_after, sale_store_id, store_id, created_at)
  VALUES (gen_random_uuid(), 'T12345678', :card_pk, 'fund', 'FUND', 500, 'NOK', 'activation:' || gen_random_uuid(), false, '{}', 'api_client.pgbench', :balance_after, NULL, NULL, now());
INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data)
  VALUES (gen_random_uuid(), 'T12345678', 'API_CLIENT', 'pgbench', 'card.activate', 'card', :card_pk,
          jsonb_build_object('card_id', 'pgbench-' || :n::text, 'amount', 500, 'currency', 'NOK', 'store_id', NULL));
COMMIT;
