/** Proves the HTTP test harness: the real production server, on real PostgreSQL, over HTTP. */
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNT, DEMO_PASSWORD } from '@/prisma/seed-demo';
import { apiFetch, openApiDb, readServerLog, signIn } from './http-client';

describe('HTTP test harness', () => {
  const db = openApiDb();
  afterAll(async () => {
    await db.$disconnect();
  });

  it('serves the login page', async () => {
    const response = await apiFetch('/login');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.text).toMatch(/<html/i);
  });

  it('has no session without cookies', async () => {
    const response = await apiFetch('/api/auth/session');
    expect(response.status).toBe(200);
    expect(response.body ?? null).toBeNull();
  });

  it('signs the demo admin in through the credentials flow', async () => {
    const cookie = await signIn('admin@demo.test', DEMO_PASSWORD);
    const response = await apiFetch<{ user: { email: string; role: string; accountId: string } }>('/api/auth/session', {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    expect(response.body?.user).toMatchObject({ email: 'admin@demo.test', role: 'HQ_ADMIN', accountId: DEMO_ACCOUNT.id });
  });

  it('rejects a wrong password', async () => {
    await expect(signIn('admin@demo.test', 'not-the-password')).rejects.toThrow(/Sign-in as admin@demo.test failed/);
  });

  it('runs on the seeded PostgreSQL database', async () => {
    const [row] = await db.$queryRaw<{ version: string }[]>`SELECT version()`;
    expect(row?.version).toMatch(/^PostgreSQL/);
    expect(await db.user.count({ where: { accountId: DEMO_ACCOUNT.id } })).toBeGreaterThanOrEqual(4);
  });

  it('writes the server log', async () => {
    expect(existsSync(inject('apiServerLog'))).toBe(true);
    expect(await readServerLog()).toMatch(/Ready|started|Local/i);
  });
});
