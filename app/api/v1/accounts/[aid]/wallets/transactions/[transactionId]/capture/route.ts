// POST /v1/accounts/{aid}/wallets/transactions/{transaction_id}/capture – settle a pending drawdown
import { apiRoute, replayHeaders } from '@/lib/edge/api-route';
import { settleTransaction } from '@/lib/cards/settle-transaction';
import { AppError } from '@/lib/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const POST = apiRoute<'transactions.capture', { aid: string; transactionId: string }>('transactions.capture', async ({ actor, params, body }) => {
  if (!UUID.test(params.transactionId)) throw new AppError('NOT_FOUND', 'Transaction not found.');
  const result = await settleTransaction(actor, params.transactionId, { kind: 'capture', input: await body() });
  return { body: result.transaction, headers: replayHeaders(result.isReplay) };
});
