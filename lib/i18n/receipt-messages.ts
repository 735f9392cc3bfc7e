/**
 * The part of each catalogue a printed receipt needs (store.receipt, store.card.types): the
 * receipt prints in the store's language whatever the clerk's UI language is, so the counter
 * page hands the client both languages' receipt texts (a few hundred bytes).
 */
import en from '@/messages/en.json';
import nb from '@/messages/nb.json';
import type { Locale } from './locales';

const CATALOGUES: Record<Locale, typeof en> = { en, nb };

export type ReceiptMessages = { store: { receipt: (typeof en)['store']['receipt']; card: { types: (typeof en)['store']['card']['types'] } } };

export function receiptMessages(): Record<Locale, ReceiptMessages> {
  const of = (c: typeof en): ReceiptMessages => ({ store: { receipt: c.store.receipt, card: { types: c.store.card.types } } });
  return { en: of(CATALOGUES.en), nb: of(CATALOGUES.nb) };
}
