// GET /v1/accounts/{aid}/wallets/settings – the wallet settings ({} until set); PATCH – change them
import { apiRoute } from '@/lib/edge/api-route';
import { getWalletSettings } from '@/lib/wallet-settings/get-wallet-settings';
import { updateWalletSettings } from '@/lib/wallet-settings/update-wallet-settings';

export const GET = apiRoute('settings.get', async ({ actor }) => ({ body: await getWalletSettings(actor) }));

export const PATCH = apiRoute('settings.update', async ({ actor, body }) => ({ body: await updateWalletSettings(actor, await body()) }));
