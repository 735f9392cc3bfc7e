/**
 * Wallet settings (Dintero's GET/PATCH /wallets/settings) on both databases: `{}` until set, the
 * default validity applied exactly where the contract says (batch cards from activation, other
 * cards from creation, an explicit expires_at always wins), the HQ settings page writing the very
 * same setting, and the scopes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { updateStorePolicy } from '@/lib/accounts/update-store-policy';
import type { ApiClientActor, UserActor } from '@/lib/auth/actor';
import { activateCard } from '@/lib/cards/activate-card';
import { createCard } from '@/lib/cards/create-card';
import { createCardBatch } from '@/lib/cards/create-card-batch';
import { activateCardSchema, createBatchSchema, createCardSchema } from '@/lib/cards/schemas';
import { seedAccount, seedUser } from '@/lib/testing/actors';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database';
import { getWalletSettings } from './get-wallet-settings';
import { updateWalletSettingsSchema } from './schemas';
import { updateWalletSettings } from './update-wallet-settings';

const DAY = 86_400_000;

describe('wallet settings', () => {
  let t: TestDatabase;
  let admin: ApiClientActor;
  let reader: ApiClientActor;
  let writer: ApiClientActor;
  let till: ApiClientActor;
  let hqAdmin: UserActor;

  beforeAll(async () => {
    t = await createTestDatabase();
    const account = await seedAccount(t.db);
    const base = { kind: 'api_client' as const, accountId: account.id };
    admin = { ...base, apiClientId: '00000000-0000-0000-0000-00000000a001', clientId: 'admin', scopes: ['admin:wallets'] };
    reader = { ...base, apiClientId: '00000000-0000-0000-0000-00000000a002', clientId: 'reader', scopes: ['read:wallets'] };
    writer = { ...base, apiClientId: '00000000-0000-0000-0000-00000000a003', clientId: 'writer', scopes: ['write:wallets'] };
    till = { ...base, apiClientId: '00000000-0000-0000-0000-00000000a004', clientId: 'till', scopes: ['write:wallets:/transactions'] };
    hqAdmin = await seedUser(t.db, { accountId: account.id, role: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers {} until something is set, then the value with who and when', async () => {
    expect(await getWalletSettings(reader)).toEqual({});
    const set = await updateWalletSettings(writer, updateWalletSettingsSchema.parse({ default_card_expires_in_days: 30 }));
    expect(set).toMatchObject({ default_card_expires_in_days: 30, created_by: 'api_client:writer', updated_by: 'api_client:writer' });
    expect(await getWalletSettings(admin)).toEqual(set);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'account.wallet_settings_update' } });
    expect(audit.data).toEqual({ before: { default_card_expires_in_days: null }, after: { default_card_expires_in_days: 30 } });
  });

  it('keeps the scopes of the contract: read needs admin/read, write needs admin/write', async () => {
    await expect(getWalletSettings(writer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getWalletSettings(till)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateWalletSettings(reader, { default_card_expires_in_days: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(updateWalletSettings(till, { default_card_expires_in_days: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses negative, fractional and non-numeric values', () => {
    for (const bad of [-1, 1.5, '30', true]) {
      expect(updateWalletSettingsSchema.safeParse({ default_card_expires_in_days: bad }).success).toBe(false);
    }
    expect(updateWalletSettingsSchema.safeParse({ other: 1 }).success).toBe(false);
  });

  it('applies the default from creation (single cards) and from activation (batch cards); expires_at wins', async () => {
    await updateWalletSettings(admin, { default_card_expires_in_days: 30 });
    const before = Date.now();
    const created = await createCard(admin, createCardSchema.parse({ card_id: 'ws-single', amount: 1000, currency: 'NOK' }));
    expect(new Date(created.expires_at!).getTime() - before).toBeGreaterThanOrEqual(30 * DAY - 1000);
    expect(new Date(created.expires_at!).getTime() - Date.now()).toBeLessThanOrEqual(30 * DAY);

    await createCardBatch(admin, createBatchSchema.parse({ cards: [{ card_id: 'ws-batch-1' }, { card_id: 'ws-batch-2' }] }));
    const inactive = await t.db.card.findFirstOrThrow({ where: { cardId: 'ws-batch-1' } });
    expect(inactive.expiresAt).toBeNull(); // the period starts at activation
    const activated = await activateCard(admin, 'ws-batch-1', activateCardSchema.parse({ amount: 1000, currency: 'NOK' }));
    const activatedAt = (await t.db.card.findFirstOrThrow({ where: { cardId: 'ws-batch-1' } })).activatedAt!;
    expect(new Date(activated.expires_at!).getTime()).toBe(activatedAt.getTime() + 30 * DAY);

    const explicit = '2031-06-30T21:59:59.000Z';
    const withDate = await activateCard(admin, 'ws-batch-2', activateCardSchema.parse({ amount: 1000, currency: 'NOK', expires_at: explicit }));
    expect(withDate.expires_at).toBe(explicit);
  });

  it('0 means no default expiry, the same as unset', async () => {
    await updateWalletSettings(admin, { default_card_expires_in_days: 0 });
    expect(await getWalletSettings(admin)).toMatchObject({ default_card_expires_in_days: 0 });
    const card = await createCard(admin, createCardSchema.parse({ card_id: 'ws-zero', amount: 1000, currency: 'NOK' }));
    expect(card.expires_at).toBeUndefined();
  });

  it('is the same setting the HQ settings page edits', async () => {
    const policy = { denominations: [], minAmount: null, maxAmount: null, expiryDays: 400, timeZone: 'Europe/Oslo' };
    await updateStorePolicy(hqAdmin, policy);
    expect(await getWalletSettings(admin)).toMatchObject({ default_card_expires_in_days: 400, updated_by: `user:${hqAdmin.userId}` });
    await updateWalletSettings(admin, { default_card_expires_in_days: 90 });
    expect((await getStorePolicy(hqAdmin)).expiryDays).toBe(90);
  });
});
