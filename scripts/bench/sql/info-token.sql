-- pgbench baseline of POST /v1/accounts/{aid}/wallets/info by token (lib/cards/card-info.ts):
-- the card by its token hash, then its ledger sums by kind. A random card of the funded pool.
\set n random(1, :count)
SELECT * FROM cards WHERE account_id = 'T12345678' AND token_hash IN ((SELECT token_hash FROM bench_funded WHERE n = :n)) LIMIT 1;
SELECT card_pk, kind, sum(amount) FROM card_transactions WHERE card_pk IN ((SELECT id FROM bench_funded WHERE n = :n)) GROUP BY card_pk, kind;
