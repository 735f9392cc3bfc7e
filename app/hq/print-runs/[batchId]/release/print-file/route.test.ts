import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';

// The HTTP edge only: session and domain are stand-ins; the domain has its own integration tests.
const requireActor = vi.fn<(permission: string) => Promise<UserActor>>();
const beginRelease = vi.fn();
vi.mock('@/lib/auth/session', () => ({ requireActor: (permission: string) => requireActor(permission) }));
vi.mock('@/lib/print-runs/release-secrets', async (importActual) => ({
  ...(await importActual<typeof import('@/lib/print-runs/release-secrets')>()),
  beginRelease: (...args: unknown[]) => beginRelease(...args),
}));
vi.mock('@/lib/logger', () => ({ logger: { info: vi.fn(), error: vi.fn() } }));

const { POST } = await import('./route');

const BATCH = '0b7c6a52-3f1e-4d1a-9c57-2f6f0c1e9a11';
const ADMIN = { kind: 'user', userId: 'u1', role: 'HQ_ADMIN', accountId: 'T00000001' } as UserActor;

function post(body: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://cardstock.test/hq/print-runs/${BATCH}/release/print-file`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'cardstock.test', accept: 'text/html', ...headers },
    body,
  });
  return POST(request, { params: Promise.resolve({ batchId: BATCH }) });
}

beforeEach(() => {
  requireActor.mockReset().mockResolvedValue(ADMIN);
  beginRelease.mockReset();
});

describe('POST print-file', () => {
  it('streams the CSV as an uncached attachment and passes the password to the domain only', async () => {
    const stream = new Response('card_id,card_token,pin,barcode_payload\r\n').body!;
    beginRelease.mockResolvedValue({ batchId: BATCH, fileName: 'print-run-GC-001-GC-025.csv', stream, finished: new Promise(() => {}) });
    const response = await post('password=s3cret%26more', { origin: 'http://cardstock.test' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="print-run-GC-001-GC-025.csv"');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('card_id,card_token,pin,barcode_payload\r\n');
    expect(requireActor).toHaveBeenCalledWith('secrets:release');
    expect(beginRelease).toHaveBeenCalledWith(ADMIN, BATCH, 's3cret&more');
  });

  it('sends a wrong password back to the form (303) without echoing it', async () => {
    beginRelease.mockRejectedValue(new AppError('FORBIDDEN', 'Password incorrect', { fieldErrors: { password: ['Password incorrect'] } }));
    const response = await post('password=wrong');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/hq/print-runs/${BATCH}/release?error=password`);
    beginRelease.mockRejectedValue(new AppError('LIMIT_EXCEEDED', 'Too many incorrect passwords.'));
    expect((await post('password=wrong')).headers.get('location')).toBe(`/hq/print-runs/${BATCH}/release?error=attempts`);
  });

  it.each([
    ['signed out', new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.'), 401],
    ['not an admin', new AppError('FORBIDDEN', 'You do not have permission to do that.'), 403],
  ])('refuses a request %s before reading the form', async (_, error, status) => {
    requireActor.mockRejectedValue(error);
    const response = await post('password=x');
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain(error.message);
    expect(beginRelease).not.toHaveBeenCalled();
  });

  it.each([
    [new AppError('NOT_FOUND', 'Print run not found'), 404],
    [new AppError('CONFLICT', 'A release of this print run is in progress'), 409],
  ])('answers %s with its status, as JSON for non-browser clients', async (error, status) => {
    beginRelease.mockRejectedValue(error);
    const response = await post('password=x', { accept: 'application/json' });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code: error.code, message: error.message } });
  });

  it('escapes messages in the HTML error page', async () => {
    beginRelease.mockRejectedValue(new AppError('CONFLICT', 'released by <b>x</b> & co'));
    expect(await (await post('password=x')).text()).toContain('released by &#60;b&#62;x&#60;/b&#62; &#38; co');
  });

  it('refuses a cross-site form post', async () => {
    const response = await post('password=x', { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(requireActor).not.toHaveBeenCalled();
  });

  it('hides unexpected errors behind a request id', async () => {
    beginRelease.mockRejectedValue(new Error('connection refused to 10.0.0.5'));
    const response = await post('password=x');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('10.0.0.5');
  });
});
