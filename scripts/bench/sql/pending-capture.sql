-- pgbench baseline of a pending drawdown + its capture (two requests in the app: POST …/transactions
-- with pending=true, then POST …/transactions/{id}/capture; lib/cards/settle-transaction.ts): one
-- pgbench "transaction" here is both database transactions, so compare it with operations/s (req/s ÷ 2).
\set n random(1, :count)
BEGIN;
SELECT id AS card_pk FROM cards WHERE account_id = 'T12345678' AND token_hash = (SELECT token_hash FROM bench_funded WHERE n = :n) FOR UPDATE \gset
UPDATE cards SET balance = balance + 0, pending = pending + 1 WHERE id = :card_pk RETURNING balance AS balance_after \gset
INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, is_pending, metadata, created_by, balance_after, sale_store_id, store_id, created_at)
  VALUES (gen_random_uuid(), 'T12345678', :card_pk, 'drawdown', 'RESERVE', 1, 'NOK', 'pgbench:' || gen_random_uuid(), true, '{}', 'api_client.pgbench', :balance_after, NULL, NULL, now())
  RETURNING id AS reserve_id \gset
INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data)
  VALUES (gen_random_uuid(), 'T12345678', 'API_CLIENT', 'pgbench', 'transaction.reserve', 'card', :card_pk,
          jsonb_build_object('transaction_id', :reserve_id::text, 'amount', 1, 'currency', 'NOK'));
COMMIT;
BEGIN;
SELECT id FROM cards WHERE account_id = 'T12345678' AND id = :card_pk FOR UPDATE;
SELECT sum(amount) FROM card_transactions WHERE parent_id = :reserve_id;
UPDATE cards SET balance = balance - 1, pending = pending - 1 WHERE id = :card_pk RETURNING balance AS balance_after \gset
INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, is_pending, parent_id, metadata, created_by, balance_after, sale_store_id, store_id, created_at)
  VALUES (gen_random_uuid(), 'T12345678', :card_pk, 'drawdown', 'CAPTURE', 1, 'NOK', 'pgbench:' || gen_random_uuid(), false, :reserve_id, '{}', 'api_client.pgbench', :balance_after, NULL, NULL, now());
INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data)
  VALUES (gen_random_uuid(), 'T12345678', 'API_CLIENT', 'pgbench', 'transaction.capture', 'card', :card_pk,
          jsonb_build_object('parent_id', :reserve_id::text, 'amount', 1));
COMMIT;
