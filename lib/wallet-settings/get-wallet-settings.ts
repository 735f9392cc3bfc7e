import type { Actor } from '@/lib/auth/actor';
import { authorizeActor } from '@/lib/auth/authorize-actor';
import { getDb } from '@/lib/db/client';
import { walletSettingsView } from './wallet-settings';

/** GET /wallets/settings; HQ users see the same setting on the settings page. */
export async function getWalletSettings(actor: Actor) {
  authorizeActor(actor, { permission: 'hq:view', apiOperation: 'settings:read' });
  return walletSettingsView(await getDb().walletSettings.findUnique({ where: { accountId: actor.accountId } }));
}
