import { createHmac } from 'node:crypto';

/** Dintero's `event-signature`: the hex HMAC-SHA1 of the exact body bytes, keyed with the subscription's secret. */
export function signWebhookBody(secret: string, body: string): string {
  return createHmac('sha1', secret).update(body, 'utf8').digest('hex');
}
