/**
 * Which ledger account (chart of accounts code) each movement books to. The journal export books
 * every movement between the liability account and the category's contra account. Defaults follow
 * Norwegian practice (NS 4102): gift cards sold are a liability on 2901 "Gavekort". A gift card
 * that pays for goods at several VAT rates is a multi-purpose voucher: no VAT at the sale (it is a
 * payment in advance, VAT-neutral), VAT is due at redemption and is the till's business — the till
 * books the sale with its VAT and the gift card as the means of payment; this export only moves the
 * liability to the clearing account the till's gift-card payments land on.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';
import { auditActor, recordAuditEvent } from '@/lib/audit/record-audit-event';
import { assertCan } from '@/lib/auth/assert';
import { actorRef, type UserActor } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { CATEGORIES, CATEGORY_LABELS, type Category } from './categories';

export type MappingKey = 'liability' | Category;
export type AccountMapping = Record<MappingKey, string>;
export const MAPPING_KEYS: MappingKey[] = ['liability', ...CATEGORIES];

export const DEFAULT_MAPPING: AccountMapping = {
  liability: '2901',
  sale: '1900',
  reversal: '1900',
  redemption: '1580',
  refund: '1900',
  adjustment: '7790',
  // A replace moves liability from one card to another: both sides book to the liability itself.
  transfer_in: '2901',
  transfer_out: '2901',
  expiry: '3900',
  write_off: '3900',
};

export const MAPPING_LABELS: Record<MappingKey, string> = {
  liability: 'Gift card liability (credited on sale, debited on redemption)',
  sale: `${CATEGORY_LABELS.sale}: cash / till settlement`,
  reversal: `${CATEGORY_LABELS.reversal}: cash / till settlement`,
  redemption: `${CATEGORY_LABELS.redemption}: clearing against the till's revenue`,
  refund: `${CATEGORY_LABELS.refund}: cash / till settlement`,
  adjustment: `${CATEGORY_LABELS.adjustment}: chosen account`,
  transfer_in: `${CATEGORY_LABELS.transfer_in}: the liability account (nets with transfers out)`,
  transfer_out: `${CATEGORY_LABELS.transfer_out}: the liability account (nets with transfers in)`,
  expiry: `${CATEGORY_LABELS.expiry}: other income (breakage)`,
  write_off: `${CATEGORY_LABELS.write_off}: other income (breakage)`,
};

const code = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z.-]{1,20}$/, validationText('ledgerCode'));
export const accountMappingSchema = z.object(Object.fromEntries(MAPPING_KEYS.map((k) => [k, code])) as Record<MappingKey, typeof code>);

export async function readMapping(accountId: string): Promise<AccountMapping> {
  const rows = await getDb().accountingAccount.findMany({ where: { accountId } });
  const mapping = { ...DEFAULT_MAPPING };
  for (const row of rows) if ((MAPPING_KEYS as string[]).includes(row.category)) mapping[row.category as MappingKey] = row.ledgerCode;
  return mapping;
}

/** HQ (reports:view) may read the mapping. */
export async function getAccountMapping(actor: UserActor): Promise<AccountMapping> {
  assertCan(actor, 'reports:view');
  return readMapping(actor.accountId);
}

/** HQ admin (accounting:manage). Closed months keep the mapping they were closed with. */
export async function updateAccountMapping(actor: UserActor, input: AccountMapping): Promise<AccountMapping> {
  assertCan(actor, 'accounting:manage');
  const by = actorRef(actor);
  const before = await readMapping(actor.accountId);
  await getDb().$transaction(async (tx) => {
    for (const key of MAPPING_KEYS) {
      await tx.accountingAccount.upsert({
        where: { accountId_category: { accountId: actor.accountId, category: key } },
        create: { accountId: actor.accountId, category: key, ledgerCode: input[key], updatedBy: by },
        update: { ledgerCode: input[key], updatedBy: by, updatedAt: new Date() },
      });
    }
    await recordAuditEvent(
      {
        accountId: actor.accountId,
        actor: auditActor(actor),
        action: 'accounting.mapping_update',
        target: { type: 'account', id: actor.accountId },
        data: { before, after: input },
      },
      tx,
    );
  });
  return readMapping(actor.accountId);
}
