-- pgbench baseline of POST /v1/accounts/{aid}/wallets/transactions, a settled drawdown by token
-- (lib/cards/create-transaction.ts): the card locked, the DRAWDOWN ledger row, the cached balance,
-- the audit row. A random card of the funded pool, 1 minor unit.
\set n random(1, :count)
BEGIN;
SELECT id AS card_pk FROM cards WHERE account_id = 'T12345678' AND token_hash = (SELECT token_hash FROM bench_funded WHERE n = :n) FOR UPDATE \gset
UPDATE cards SET balance = balance - 1, pending = pending + 0 WHERE id = :card_pk RETURNING balance AS balance_after \gset
INSERT INTO card_transactions (id, account_id, card_pk, type, kind, amount, currency, ref_id, is_pending, metadata, created_by, balance_after, sale_store_id, store_id, created_at)
  VALUES (gen_random_uuid(), 'T12345678', :card_pk, 'drawdown', 'DRAWDOWN', 1, 'NOK', 'pgbench:' || gen_random_uuid(), false, '{}', 'api_client.pgbench', :balance_after, NULL, NULL, now())
  RETURNING id AS tx_id \gset
INSERT INTO audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, data)
  VALUES (gen_random_uuid(), 'T12345678', 'API_CLIENT', 'pgbench', 'transaction.drawdown', 'card', :card_pk,
          jsonb_build_object('transaction_id', :tx_id::text, 'amount', 1, 'currency', 'NOK'));
COMMIT;
