/** Builds accounts, stores and users directly in the test database, and the actors for them. */
import { randomBytes } from 'node:crypto';
import type { UserActor } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/permissions';
import type { PrismaClient } from '@/lib/generated/prisma/client';

let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'test-password-123';

export async function seedAccount(db: PrismaClient, name = 'Test Chain') {
  const id = `T${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return db.account.create({ data: { id, name, defaultCurrency: 'NOK' } });
}

export async function seedStore(db: PrismaClient, accountId: string, name = `Store ${randomBytes(3).toString('hex')}`) {
  return db.store.create({ data: { accountId, name, currency: 'NOK' } });
}

export async function seedUser(
  db: PrismaClient,
  options: { accountId: string; role: Role; storeId?: string; email?: string; isDisabled?: boolean },
): Promise<UserActor> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const user = await db.user.create({
    data: {
      accountId: options.accountId,
      email: options.email ?? `${options.role.toLowerCase()}-${randomBytes(4).toString('hex')}@test.example`,
      role: options.role,
      storeId: options.storeId ?? null,
      isDisabled: options.isDisabled ?? false,
      passwordHash: await passwordHash,
    },
    include: { account: true, store: true },
  });
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    role: options.role,
    accountId: user.accountId,
    accountName: user.account.name,
    storeId: user.storeId,
    storeName: user.store?.name ?? null,
  };
}
