'use server';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { formAction } from '@/lib/edge/form-action';
import { accountMappingSchema, updateAccountMapping } from '@/lib/reports/accounting-settings';
import { closeAccountingPeriod } from '@/lib/reports/close-period';
import { monthSchema } from '@/lib/reports/schemas';

export const updateAccountMappingAction = formAction('updateAccountMapping', 'accounting:manage', accountMappingSchema, async (actor, input) => {
  await updateAccountMapping(actor, input);
  revalidatePath('/hq/reports/accounting');
  return (await getTranslations('hqReports.accounting'))('saved');
});

export const closePeriodAction = formAction('closeAccountingPeriod', 'accounting:manage', monthSchema, async (actor, input) => {
  const closed = await closeAccountingPeriod(actor, input.month);
  revalidatePath('/hq/reports/accounting');
  return (await getTranslations('hqReports.accounting'))('closedDone', { month: closed.month, sha: closed.sha256 });
});
