import { z } from 'zod';
import { WEBHOOK_EVENTS } from './events';

const secretValue = z.string().min(16, 'secret must be at least 16 characters').max(256, 'secret must be at most 256 characters');

/**
 * POST /hooks/subscriptions (Dintero's Hooks API). `config.secret` may be given (a string, or
 * Dintero's `{type: "HMAC-SHA1", value}`); without it Cardstock generates one. Either way it is
 * returned once, in the creation response.
 */
export const createSubscriptionSchema = z
  .object({
    config: z
      .object({
        url: z
          .url({ protocol: /^https?$/, message: 'config.url must be an http(s) URL' })
          .max(2000, 'config.url must be at most 2000 characters')
          // Refinements run even when the URL check failed: a string that is no URL must not throw here.
          .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'config.url must not carry credentials'),
        content_type: z.literal('application/json', { message: 'config.content_type must be application/json' }).default('application/json'),
        secret: z
          .union([secretValue, z.object({ type: z.literal('HMAC-SHA1'), value: secretValue.optional() }).strict()])
          .optional()
          .transform((s) => (typeof s === 'string' ? s : s?.value)),
        insecure_ssl: z.boolean().default(false),
      })
      .strict(),
    events: z
      .array(z.enum(WEBHOOK_EVENTS, { message: `events must be some of ${WEBHOOK_EVENTS.join(', ')}` }))
      .min(1, 'events must name at least one event')
      .max(20),
    active: z.boolean().default(true),
  })
  .strict();
export type CreateSubscriptionInput = z.infer<typeof createSubscriptionSchema>;

export const listDeliveriesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict();
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;

/**
 * The HQ page's "new subscription" form: the URL, an optional secret, and one checkbox per event
 * (`event_<name>=on`: FormData entries are flattened, so a repeated name would keep only one),
 * turned into the Hooks API's input and checked by the same schema.
 */
export const createSubscriptionFormSchema = z
  .object({ url: z.string().trim(), secret: z.string().trim().optional() })
  .catchall(z.string())
  .transform((form): z.input<typeof createSubscriptionSchema> => ({
    config: { url: form.url, ...(form.secret ? { secret: form.secret } : {}) },
    events: WEBHOOK_EVENTS.filter((event) => form[`event_${event}`] === 'on'),
  }))
  .pipe(createSubscriptionSchema);

export const subscriptionRefSchema = z.object({ subscriptionId: z.string().max(64) });
export const deliveryRefSchema = z.object({ subscriptionId: z.string().max(64), deliveryId: z.string().max(64) });
