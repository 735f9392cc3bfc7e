import { describe, expect, it } from 'vitest';
import { createSubscriptionFormSchema, createSubscriptionSchema } from './schemas';

describe('webhook subscription schemas', () => {
  it.each(['s', 'not a url', '\r\n', "';<Uh<dS58", ''])('refuses %j as a URL with a field error, never an exception', (url) => {
    const api = createSubscriptionSchema.safeParse({ config: { url }, events: ['wallet_transaction'] });
    expect(api.success).toBe(false);
    expect(api.error?.issues[0]?.path).toEqual(['config', 'url']);
    const form = createSubscriptionFormSchema.safeParse({ url, secret: '', event_wallet_transaction: 'on' });
    expect(form.success).toBe(false);
  });

  it('still refuses credentials in the URL', () => {
    const parsed = createSubscriptionSchema.safeParse({ config: { url: 'https://u:p@example.com/x' }, events: ['wallet_transaction'] });
    expect(parsed.error?.issues.map((i) => i.message)).toContain('config.url must not carry credentials');
  });
});
