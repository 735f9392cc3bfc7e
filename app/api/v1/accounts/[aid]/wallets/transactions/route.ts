// POST /v1/accounts/{aid}/wallets/transactions – drawdown (optionally pending) or fund, idempotent per ref_id
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { createTransaction } from '@/lib/cards/create-transaction';

// Scope is checked again in the domain: a token drawdown needs write:wallets:/transactions, the rest write:wallets.
export const POST = apiRoute('transactions.create', async ({ actor, body }) => {
  const result = await createTransaction(actor, await body());
  return { body: result.transaction, headers: replayHeaders(result.isReplay) };
});
