/**
 * Sends queued webhook deliveries, at least once. A delivery is claimed with a lease (like jobs):
 * a worker that dies mid-send leaves it DELIVERING with an expiring lease, and the next claim
 * after expiry sends it again with the SAME event-delivery id and body. Any 2xx acknowledges;
 * everything else — redirects included (never followed), timeouts, refused addresses — is a
 * failed attempt, retried with exponential backoff up to MAX_RETRIES times. A subscription is
 * marked failing after FAILING_AFTER failed attempts in a row, until one succeeds.
 *
 * Requests go only to the subscription's configured URL, at an address checked by the SSRF
 * guard (address-guard.ts) just before connecting.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { WORKER_ID } from '@/lib/jobs/queue';
import { logger } from '@/lib/logger';
import type { WebhookDelivery } from '@/lib/generated/prisma/client';
import { resolveReceiver } from './address-guard';
import { openWebhookSecret } from './secret-box';
import { signWebhookBody } from './sign';

export const MAX_RETRIES = 5;
export const FAILING_AFTER = 10;
export const DELIVERY_TIMEOUT_MS = 10_000;
export const DELIVERY_LEASE_SECONDS = 30;

export interface DeliveryOptions {
  workerId?: string;
  leaseSeconds?: number;
  timeoutMs?: number;
  /** Backoff before retry n (1-based): baseMs × factor^(n-1). Default 30 s × 4: 30 s, 2 min, 8 min, 32 min, ~2 h. */
  backoffBaseMs?: number;
  backoffFactor?: number;
  allowPrivate?: boolean;
}

/** Claims the next due delivery (pending and due, or delivering with an expired lease). */
export async function claimDelivery(options: DeliveryOptions = {}): Promise<WebhookDelivery | null> {
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    UPDATE webhook_deliveries SET status = 'DELIVERING', locked_by = ${options.workerId ?? WORKER_ID},
      locked_until = now() + make_interval(secs => ${options.leaseSeconds ?? DELIVERY_LEASE_SECONDS}), attempts = attempts + 1
    WHERE id = (
      SELECT id FROM webhook_deliveries
      WHERE (status = 'PENDING' AND next_attempt_at <= now()) OR (status = 'DELIVERING' AND locked_until < now())
      ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  const id = rows[0]?.id;
  return id ? getDb().webhookDelivery.findUnique({ where: { id } }) : null;
}

export interface SendResult {
  ok: boolean;
  statusCode?: number;
  latencyMs: number;
  error?: string;
}

/** One POST of `body` to `url`, connecting only to the checked address; never follows a redirect. */
export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean; insecureSsl: boolean },
): Promise<SendResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const target = new URL(url);
  let resolved;
  try {
    resolved = await resolveReceiver(target, options.allowPrivate);
  } catch (error) {
    return { ok: false, latencyMs: latency(), error: error instanceof Error ? error.message : String(error) };
  }
  // Connect to exactly the address checked above: no second lookup a rebinding DNS could answer differently.
  const pinned: LookupFunction = (_host, opts, callback) => {
    if (opts.all) callback(null, [{ address: resolved.address, family: resolved.family }]);
    else callback(null, resolved.address, resolved.family);
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const req = send(
      target,
      {
        method: 'POST',
        lookup: pinned,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(target.protocol === 'https:' ? { rejectUnauthorized: !options.insecureSsl } : {}),
      },
      (res) => {
        const statusCode = res.statusCode ?? 0;
        res.resume(); // the receiver's answer body is not needed
        res.on('end', () => {
          const ok = statusCode >= 200 && statusCode < 300;
          finish({
            ok,
            statusCode,
            latencyMs: latency(),
            ...(ok ? {} : { error: statusCode >= 300 && statusCode < 400 ? `redirect ${statusCode} (not followed)` : `HTTP ${statusCode}` }),
          });
        });
        res.on('error', (error) => finish({ ok: false, statusCode, latencyMs: latency(), error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, latencyMs: latency(), error: `timed out after ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error) => finish({ ok: false, latencyMs: latency(), error: error.message }));
    req.end(body);
  });
}

/** Sends one claimed delivery and records the outcome. */
export async function attemptDelivery(delivery: WebhookDelivery, options: DeliveryOptions = {}): Promise<SendResult | null> {
  const db = getDb();
  const sub = await db.webhookSubscription.findUnique({ where: { id: delivery.subscriptionId } });
  if (!sub || sub.deletedAt || !sub.active) {
    await db.webhookDelivery.update({
      where: { id: delivery.id },
      data: { status: 'FAILED', lastError: 'subscription deleted or inactive', lockedBy: null, lockedUntil: null },
    });
    return null;
  }
  let result: SendResult;
  try {
    const secret = openWebhookSecret(sub.id, { keyId: sub.secretKeyId, nonce: sub.secretNonce, ciphertext: sub.secretCiphertext });
    result = await sendWebhook(
      sub.url,
      {
        'content-type': sub.contentType,
        'user-agent': 'Cardstock-Hookshot/1',
        event: delivery.event,
        'event-delivery': delivery.id,
        'event-signature': signWebhookBody(secret, delivery.body),
      },
      delivery.body,
      {
        timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS,
        allowPrivate: options.allowPrivate ?? getEnv().CARDSTOCK_WEBHOOK_ALLOW_PRIVATE,
        insecureSsl: sub.insecureSsl,
      },
    );
  } catch (error) {
    // A secret that cannot be opened (key not configured) is a failed attempt like any other, not a stuck delivery.
    result = { ok: false, latencyMs: 0, error: error instanceof Error ? error.message : String(error) };
  }
  const workerId = options.workerId ?? WORKER_ID;
  const common = {
    lastStatusCode: result.statusCode ?? null,
    lastLatencyMs: result.latencyMs,
    lastError: result.error?.slice(0, 500) ?? null,
    lockedBy: null,
    lockedUntil: null,
  };
  if (result.ok) {
    await db.$transaction([
      // Only if still ours: a worker whose lease ran out must not overwrite the one that took over.
      db.webhookDelivery.updateMany({ where: { id: delivery.id, lockedBy: workerId }, data: { ...common, status: 'DELIVERED', deliveredAt: new Date() } }),
      db.webhookSubscription.update({ where: { id: sub.id }, data: { consecutiveFailures: 0, failingSince: null } }),
    ]);
  } else {
    const retriesUsed = delivery.attempts - 1;
    const final = retriesUsed >= MAX_RETRIES;
    const delay = (options.backoffBaseMs ?? 30_000) * (options.backoffFactor ?? 4) ** retriesUsed;
    await db.webhookDelivery.updateMany({
      where: { id: delivery.id, lockedBy: workerId },
      data: { ...common, status: final ? 'FAILED' : 'PENDING', nextAttemptAt: new Date(Date.now() + delay) },
    });
    await db.$executeRaw`
      UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1,
        failing_since = CASE WHEN consecutive_failures + 1 >= ${FAILING_AFTER} THEN COALESCE(failing_since, now()) ELSE failing_since END
      WHERE id = ${sub.id}::uuid`;
    logger.warn(
      { deliveryId: delivery.id, subscriptionId: sub.id, event: delivery.event, attempt: delivery.attempts, final, error: result.error },
      'webhook delivery failed',
    );
  }
  return result;
}

/** Claims and sends one delivery; returns whether there was one. */
export async function deliverNext(options: DeliveryOptions = {}): Promise<boolean> {
  const delivery = await claimDelivery(options);
  if (!delivery) return false;
  await attemptDelivery(delivery, options);
  return true;
}

/** Graceful shutdown: hands this worker's claimed deliveries back (pending again, the attempt not counted). */
export async function releaseDeliveryLeases(workerId = WORKER_ID): Promise<number> {
  return getDb().$executeRaw`
    UPDATE webhook_deliveries SET status = 'PENDING', locked_by = NULL, locked_until = NULL, attempts = GREATEST(attempts - 1, 0)
    WHERE locked_by = ${workerId} AND status = 'DELIVERING'`;
}
