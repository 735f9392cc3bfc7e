'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formAction } from '@/lib/edge/form-action';
import { createSubscription } from '@/lib/webhooks/create-subscription';
import { deleteSubscription } from '@/lib/webhooks/delete-subscription';
import { pingSubscription } from '@/lib/webhooks/ping-subscription';
import { redeliverDelivery } from '@/lib/webhooks/redeliver-delivery';
import { createSubscriptionFormSchema, deliveryRefSchema, subscriptionRefSchema } from '@/lib/webhooks/schemas';

/** Its success data carries the one-time signing secret back to the form, which shows it once. */
export const createWebhookAction = formAction('createWebhook', 'webhooks:manage', createSubscriptionFormSchema, async (actor, input) => {
  const created = await createSubscription(actor, input);
  revalidatePath('/hq/webhooks');
  return { id: created.id, url: created.config.url, secret: created.config.secret.value };
});

export const deleteWebhookAction = formAction('deleteWebhook', 'webhooks:manage', subscriptionRefSchema, async (actor, input) => {
  await deleteSubscription(actor, input.subscriptionId);
  revalidatePath('/hq/webhooks');
  return (await getTranslations('hqWebhooks'))('deleted');
});

export const pingWebhookAction = formAction('pingWebhook', 'webhooks:manage', subscriptionRefSchema, async (actor, input) => {
  await pingSubscription(actor, input.subscriptionId);
  revalidatePath(`/hq/webhooks/${input.subscriptionId}`);
  return (await getTranslations('hqWebhooks'))('pinged');
});

export const redeliverWebhookAction = formAction('redeliverWebhook', 'webhooks:manage', deliveryRefSchema, async (actor, input) => {
  await redeliverDelivery(actor, input.subscriptionId, input.deliveryId);
  revalidatePath(`/hq/webhooks/${input.subscriptionId}`);
  return (await getTranslations('hqWebhooks'))('redelivered');
});
