'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { dataAction } from '@/lib/edge/data-action';
import { formAction } from '@/lib/edge/form-action';
import { orderPrintRun, suggestStartSequence } from '@/lib/print-runs/order-print-run';
import { orderPrintRunSchema } from '@/lib/print-runs/schemas';

export const orderPrintRunAction = formAction('orderPrintRun', 'printRuns:order', orderPrintRunSchema, async (actor, input) => {
  const batch = await orderPrintRun(actor, input);
  revalidatePath('/hq/print-runs');
  // redirect() throws Next's redirect signal, which formAction passes through (it keeps only AppErrors).
  redirect(`/hq/print-runs/${batch.id}`);
});

/** The next free start number for a card-id prefix, for the order form's suggestion. */
export const suggestStartSequenceAction = dataAction(
  'suggestStartSequence',
  'printRuns:order',
  z.object({ prefix: z.string().trim().max(40) }),
  (actor, { prefix }) => suggestStartSequence(actor, prefix),
);
