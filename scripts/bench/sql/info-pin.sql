-- pgbench baseline of POST /v1/accounts/{aid}/wallets/info by card_id + PIN (lib/cards/card-info.ts):
-- the card by (account_id, card_id), then its ledger sums by kind (the PIN's HMAC check is CPU in
-- the app and has no SQL equivalent). A random card of the funded pool.
\set n random(1, :count)
SELECT * FROM cards WHERE account_id = 'T12345678' AND card_id = (SELECT card_id FROM bench_funded WHERE n = :n);
SELECT card_pk, kind, sum(amount) FROM card_transactions WHERE card_pk IN ((SELECT id FROM bench_funded WHERE n = :n)) GROUP BY card_pk, kind;
