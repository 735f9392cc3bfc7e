/**
 * The demo data set behind `npm run demo`. Idempotent: running it again creates nothing new and
 * leaves changes made through the app alone. Never run by anything but the demo command and tests.
 */
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/permissions';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export const DEMO_ACCOUNT = { id: 'T12345678', name: 'Demo Retail', defaultCurrency: 'NOK' } as const;
/** The store-counter policy HQ would configure: NOK 200/500/1000 quick picks, 100–10,000 per card, valid 3 years. */
export const DEMO_STORE_POLICY = {
  cardDenominations: [BigInt(20_000), BigInt(50_000), BigInt(100_000)],
  cardMinAmount: BigInt(10_000),
  cardMaxAmount: BigInt(1_000_000),
  timeZone: 'Europe/Oslo',
} as const;
/** Default validity (wallet settings): 3 years. */
export const DEMO_DEFAULT_EXPIRY_DAYS = 1096;
export const DEMO_PASSWORD = 'cardstock-demo';
/**
 * The demo account guards print-file releases only above 1,000,000 cards (new accounts: 1,000),
 * so the reliability and benchmark runs of 100,000 cards are not held for a second admin. HQ
 * settings can lower it at once (a stricter change needs no approval).
 */
export const DEMO_PRINT_RELEASE_MAX_CARDS = 1_000_000;
export const DEMO_STORES = ['Oslo Downtown', 'Bergen Harbour'] as const;
export const DEMO_USERS: { email: string; name: string; role: Role; store?: (typeof DEMO_STORES)[number] }[] = [
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'HQ_ADMIN' },
  { email: 'staff@demo.test', name: 'Sam Staff', role: 'HQ_STAFF' },
  { email: 'oslo@demo.test', name: 'Olav Clerk', role: 'CLERK', store: 'Oslo Downtown' },
  { email: 'bergen@demo.test', name: 'Berit Clerk', role: 'CLERK', store: 'Bergen Harbour' },
];
export const DEMO_API_CLIENT = { clientId: 'demo-client', secret: 'demo-secret', scopes: ['admin:wallets'] };

export async function seedDemo(db: PrismaClient): Promise<void> {
  // The policy is set only when the account is created: HQ's later edits survive a re-run.
  await db.account.upsert({
    where: { id: DEMO_ACCOUNT.id },
    create: {
      ...DEMO_ACCOUNT,
      ...DEMO_STORE_POLICY,
      cardDenominations: [...DEMO_STORE_POLICY.cardDenominations],
      walletSettings: { create: { defaultCardExpiresInDays: DEMO_DEFAULT_EXPIRY_DAYS, createdBy: 'seed', updatedBy: 'seed' } },
    },
    update: {},
  });
  await db.dualControlSettings.upsert({
    where: { accountId: DEMO_ACCOUNT.id },
    create: { accountId: DEMO_ACCOUNT.id, printReleaseMaxCards: DEMO_PRINT_RELEASE_MAX_CARDS, updatedBy: 'seed' },
    update: {},
  });

  const storeIds = new Map<string, string>();
  for (const name of DEMO_STORES) {
    const store = await db.store.upsert({
      where: { accountId_name: { accountId: DEMO_ACCOUNT.id, name } },
      create: { accountId: DEMO_ACCOUNT.id, name, currency: DEMO_ACCOUNT.defaultCurrency },
      update: {},
    });
    storeIds.set(name, store.id);
  }

  for (const user of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: user.email } });
    if (existing) continue;
    await db.user.create({
      data: {
        accountId: DEMO_ACCOUNT.id,
        email: user.email,
        name: user.name,
        role: user.role,
        storeId: user.store ? storeIds.get(user.store) : null,
        passwordHash: await hashPassword(DEMO_PASSWORD),
      },
    });
  }

  const client = await db.apiClient.findUnique({ where: { clientId: DEMO_API_CLIENT.clientId } });
  if (!client) {
    await db.apiClient.create({
      data: {
        accountId: DEMO_ACCOUNT.id,
        clientId: DEMO_API_CLIENT.clientId,
        name: 'Demo till integration',
        secretHash: await hashPassword(DEMO_API_CLIENT.secret),
        scopes: DEMO_API_CLIENT.scopes,
        createdBy: 'seed',
      },
    });
  }
}
