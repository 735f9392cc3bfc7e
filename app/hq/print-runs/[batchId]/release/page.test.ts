import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserActor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import type { PrintRunRelease } from '@/lib/print-runs/release-secrets';

// What the page renders for each state; session and domain are stand-ins.
const ADMIN = { kind: 'user', userId: 'u1', role: 'HQ_ADMIN', accountId: 'T00000001' } as UserActor;
const requirePageActor = vi.fn(async () => ADMIN);
const getPrintRunRelease = vi.fn<() => Promise<PrintRunRelease>>();
const recordPrintRunView = vi.fn(async () => {});
const notFound = vi.fn(() => {
  throw new Error('NEXT_NOT_FOUND');
});
vi.mock('@/lib/auth/session', () => ({ requirePageActor: () => requirePageActor() }));
vi.mock('@/lib/print-runs/release-secrets', () => ({ getPrintRunRelease: () => getPrintRunRelease(), recordPrintRunView: () => recordPrintRunView() }));
vi.mock('next/navigation', () => ({ notFound: () => notFound() }));

const { default: ReleasePrintFilePage } = await import('./page');

const BATCH = '0b7c6a52-3f1e-4d1a-9c57-2f6f0c1e9a11';
const RUN: PrintRunRelease = {
  id: BATCH,
  status: 'READY',
  quantity: 25,
  cardsCreated: 25,
  failureReason: null,
  manufacturer: 'Acme Cards',
  purchaseOrder: 'PO-7',
  createdAt: new Date('2026-11-20T10:00:00Z'),
  firstCardId: 'GC-000001',
  lastCardId: 'GC-000025',
  secretsState: 'AWAITING_RELEASE',
  secretsDeadline: new Date('2026-12-04T10:00:00Z'),
  isReleasable: true,
  releaseInProgressSince: null,
  released: null,
  destroyedAt: null,
};

async function render(run: Partial<PrintRunRelease>, search: Record<string, string> = {}) {
  getPrintRunRelease.mockResolvedValue({ ...RUN, ...run });
  const page = await ReleasePrintFilePage({ params: Promise.resolve({ batchId: BATCH }), searchParams: Promise.resolve(search) });
  return renderToStaticMarkup(page);
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe('release page', () => {
  it('offers the one-time download behind a password, with the warning, and audits the view', async () => {
    const html = await render({});
    expect(html).toContain(`action="/hq/print-runs/${BATCH}/release/print-file"`);
    expect(html).toContain('method="post"');
    expect(html).toMatch(/<label for="password"[^>]*>Your password<\/label>/);
    expect(html).toContain('type="password"');
    expect(html).toContain('Download print file (CSV)');
    expect(html).toContain('the card tokens and PINs are destroyed');
    expect(html).toContain('GC-000001 – GC-000025');
    expect(html).toContain('4 Dec 2026');
    expect(recordPrintRunView).toHaveBeenCalledTimes(1);
  });

  it('says a password was wrong beside the field', async () => {
    const html = await render({}, { error: 'password' });
    expect(html).toContain('id="password-error"');
    expect(html).toContain('Password incorrect');
    expect(html).toContain('aria-invalid="true"');
  });

  it('shows who released the file, when, and its SHA-256, and no form', async () => {
    const sha256 = 'a'.repeat(64);
    const html = await render({
      secretsState: 'RELEASED',
      isReleasable: false,
      released: { by: 'admin@chain.example', at: new Date('2026-11-21T12:30:00Z'), sha256 },
    });
    expect(html).toContain('Released by <strong>admin@chain.example</strong> at <time dateTime="2026-11-21T12:30:00.000Z">');
    expect(html).toMatch(new RegExp(`data-testid="print-file-sha256"[^>]*>${sha256}</code>`));
    expect(html).not.toContain('<form');
  });

  it('says when unreleased secrets were destroyed', async () => {
    const html = await render({ secretsState: 'DESTROYED', isReleasable: false, destroyedAt: new Date('2026-12-04T10:00:00Z') });
    expect(html).toContain('destroyed unreleased at <time dateTime="2026-12-04T10:00:00.000Z">');
    expect(html).not.toContain('<form');
  });

  it('is not found for another account’s or a missing print run', async () => {
    getPrintRunRelease.mockRejectedValue(new AppError('NOT_FOUND', 'Print run not found'));
    await expect(ReleasePrintFilePage({ params: Promise.resolve({ batchId: BATCH }), searchParams: Promise.resolve({}) })).rejects.toThrow('NEXT_NOT_FOUND');
    expect(recordPrintRunView).not.toHaveBeenCalled();
  });
});
