/**
 * The client's address for the per-address sign-in limit, from X-Forwarded-For — trusted only as
 * far as AUTH_TRUSTED_PROXY_HOPS says. Each proxy appends the address it received the request
 * from, so with N trusted proxies in front of the app the client is the N-th entry from the right;
 * anything left of it was written by the client and could be anything. With 0 (the default) there
 * is no trustworthy address and the per-address limit is off (the per-email limit still applies).
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  if (trustedHops < 1 || !forwardedFor) return null;
  const entries = forwardedFor
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.length >= trustedHops ? entries[entries.length - trustedHops]! : null;
}
