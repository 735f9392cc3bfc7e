/**
 * The Wallet API's routes under /v1/accounts/{aid}/…, for the Node.js path that answers them
 * without Next.js's router (lib/edge/node-api.ts; docs/ARCHITECTURE.md "Two ways in"). The handlers
 * are the route files themselves, so Next.js (`next dev`, or `next start` on its own) and that path
 * run the same code. Each entry is a route file's folder below app/api/v1; `[name]` is a path
 * parameter. lib/edge/node-api.test.ts fails when a route file is missing here or an entry has no
 * file. /v1/openapi.json and the JSON 404 for unknown paths stay with Next.js.
 */
import type { NodeApiRoute } from '@/lib/edge/node-api';
import * as authToken from './accounts/[aid]/auth/token/route';
import * as cardAdjust from './accounts/[aid]/cardstock/cards/[cardId]/adjust/route';
import * as cardBlock from './accounts/[aid]/cardstock/cards/[cardId]/block/route';
import * as cardDeactivate from './accounts/[aid]/cardstock/cards/[cardId]/deactivate/route';
import * as cardExpiry from './accounts/[aid]/cardstock/cards/[cardId]/expiry/route';
import * as cardRefund from './accounts/[aid]/cardstock/cards/[cardId]/refund/route';
import * as cardReplace from './accounts/[aid]/cardstock/cards/[cardId]/replace/route';
import * as cardUnblock from './accounts/[aid]/cardstock/cards/[cardId]/unblock/route';
import * as deliveryRedeliver from './accounts/[aid]/hooks/subscriptions/[hid]/deliveries/[deliveryId]/redeliver/route';
import * as deliveries from './accounts/[aid]/hooks/subscriptions/[hid]/deliveries/route';
import * as subscriptionPing from './accounts/[aid]/hooks/subscriptions/[hid]/ping/route';
import * as subscription from './accounts/[aid]/hooks/subscriptions/[hid]/route';
import * as subscriptions from './accounts/[aid]/hooks/subscriptions/route';
import * as walletCardActivate from './accounts/[aid]/wallets/cards/[cardId]/activate/route';
import * as walletCardRotatePin from './accounts/[aid]/wallets/cards/[cardId]/rotate-pin/route';
import * as walletCard from './accounts/[aid]/wallets/cards/[cardId]/route';
import * as walletCardTokens from './accounts/[aid]/wallets/cards/[cardId]/tokens/route';
import * as walletCardTransactions from './accounts/[aid]/wallets/cards/[cardId]/transactions/route';
import * as walletCardsBatch from './accounts/[aid]/wallets/cards/batch/route';
import * as walletCards from './accounts/[aid]/wallets/cards/route';
import * as customerCard from './accounts/[aid]/wallets/customers/[customerId]/cards/[cardId]/route';
import * as customerCards from './accounts/[aid]/wallets/customers/[customerId]/cards/route';
import * as walletInfo from './accounts/[aid]/wallets/info/route';
import * as walletSettings from './accounts/[aid]/wallets/settings/route';
import * as transactionCapture from './accounts/[aid]/wallets/transactions/[transactionId]/capture/route';
import * as transactionVoid from './accounts/[aid]/wallets/transactions/[transactionId]/void/route';
import * as transactions from './accounts/[aid]/wallets/transactions/route';

export const NODE_API_ROUTES: readonly NodeApiRoute[] = [
  ['accounts/[aid]/auth/token', authToken],
  ['accounts/[aid]/cardstock/cards/[cardId]/adjust', cardAdjust],
  ['accounts/[aid]/cardstock/cards/[cardId]/block', cardBlock],
  ['accounts/[aid]/cardstock/cards/[cardId]/deactivate', cardDeactivate],
  ['accounts/[aid]/cardstock/cards/[cardId]/expiry', cardExpiry],
  ['accounts/[aid]/cardstock/cards/[cardId]/refund', cardRefund],
  ['accounts/[aid]/cardstock/cards/[cardId]/replace', cardReplace],
  ['accounts/[aid]/cardstock/cards/[cardId]/unblock', cardUnblock],
  ['accounts/[aid]/hooks/subscriptions/[hid]/deliveries/[deliveryId]/redeliver', deliveryRedeliver],
  ['accounts/[aid]/hooks/subscriptions/[hid]/deliveries', deliveries],
  ['accounts/[aid]/hooks/subscriptions/[hid]/ping', subscriptionPing],
  ['accounts/[aid]/hooks/subscriptions/[hid]', subscription],
  ['accounts/[aid]/hooks/subscriptions', subscriptions],
  ['accounts/[aid]/wallets/cards/[cardId]/activate', walletCardActivate],
  ['accounts/[aid]/wallets/cards/[cardId]/rotate-pin', walletCardRotatePin],
  ['accounts/[aid]/wallets/cards/[cardId]', walletCard],
  ['accounts/[aid]/wallets/cards/[cardId]/tokens', walletCardTokens],
  ['accounts/[aid]/wallets/cards/[cardId]/transactions', walletCardTransactions],
  ['accounts/[aid]/wallets/cards/batch', walletCardsBatch],
  ['accounts/[aid]/wallets/cards', walletCards],
  ['accounts/[aid]/wallets/customers/[customerId]/cards/[cardId]', customerCard],
  ['accounts/[aid]/wallets/customers/[customerId]/cards', customerCards],
  ['accounts/[aid]/wallets/info', walletInfo],
  ['accounts/[aid]/wallets/settings', walletSettings],
  ['accounts/[aid]/wallets/transactions/[transactionId]/capture', transactionCapture],
  ['accounts/[aid]/wallets/transactions/[transactionId]/void', transactionVoid],
  ['accounts/[aid]/wallets/transactions', transactions],
];
