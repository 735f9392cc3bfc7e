/** What the store counter shows: plain, JSON-safe shapes (numbers, ISO strings) for the UI. */
import type { Locale } from '@/lib/i18n/locales';
export type CardStatusName = 'inactive' | 'unused' | 'active';

/** A recognised card, before activation. Never holds a secret: only the masked token. */
export interface CounterCard {
  cardId: string;
  type: 'gift_card' | 'credit_note';
  status: CardStatusName;
  maskedCode: string | null;
  /** The print run or batch it came from; null for cards issued one by one. */
  batch: { firstCardId: string | null; lastCardId: string | null; quantity: number; purchaseOrder: string | null; orderedAt: string } | null;
  /** The account's time zone, for the batch's date. */
  timeZone: string;
  /** Blocked by head office or a counter (lib/cards/block-card.ts): keep it, sell nothing on it. */
  isBlocked: boolean;
}

export interface ActivationReceipt {
  cardId: string;
  maskedCode: string | null;
  type: 'gift_card' | 'credit_note';
  amount: number;
  currency: string;
  /** ISO; null when the card never expires. */
  expiresAt: string | null;
  activatedAt: string;
  storeName: string;
  clerk: string;
  receiptNumber: string | null;
  customerId: string | null;
  name: string | null;
  timeZone: string;
  /** The language the receipt prints in: the store's (lib/counter/get-counter-store.ts), not the clerk's. */
  locale: Locale;
}

export const CARD_TYPE_LABELS: Record<CounterCard['type'], string> = { gift_card: 'Gift card', credit_note: 'Credit note' };
export const STATUS_LABELS: Record<CardStatusName, string> = { inactive: 'Not activated', unused: 'Activated, unused', active: 'In use' };

/** The till's sales receipt number a counter activation stored in the card's metadata. */
export function receiptNumberOf(metadata: unknown): string | null {
  if (typeof metadata !== 'object' || metadata === null || !('receipt_number' in metadata)) return null;
  const value = metadata.receipt_number;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}
