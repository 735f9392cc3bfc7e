import type { WebhookDelivery, WebhookSubscription } from '@/lib/generated/prisma/client';

/** A subscription as the Hooks API shows it: never its secret (only the creation response has that). */
export function subscriptionView(s: WebhookSubscription) {
  return {
    id: s.id,
    config: { url: s.url, content_type: s.contentType, secret: { type: 'HMAC-SHA1' as const }, insecure_ssl: s.insecureSsl },
    events: s.events,
    active: s.active,
    /** Cardstock: `failing` after repeated failed attempts in a row, until one succeeds. */
    health: s.failingSince ? ('failing' as const) : ('ok' as const),
    consecutive_failures: s.consecutiveFailures,
    created_at: s.createdAt.toISOString(),
    created_by: s.createdBy,
    updated_at: s.updatedAt.toISOString(),
    ...(s.deletedAt ? { deleted_at: s.deletedAt.toISOString(), deleted_by: s.deletedBy ?? undefined } : {}),
  };
}

export function deliveryView(d: WebhookDelivery) {
  return {
    id: d.id,
    event: d.event,
    status: d.status.toLowerCase(),
    attempts: d.attempts,
    last_status_code: d.lastStatusCode ?? undefined,
    last_latency_ms: d.lastLatencyMs ?? undefined,
    last_error: d.lastError ?? undefined,
    next_attempt_at: d.status === 'PENDING' ? d.nextAttemptAt.toISOString() : undefined,
    created_at: d.createdAt.toISOString(),
    delivered_at: d.deliveredAt?.toISOString(),
  };
}
