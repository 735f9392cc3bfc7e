import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import nb from '@/messages/nb.json';
import { checkSaleAmount } from '@/lib/counter/sale-amount';
import { sellabilityProblem } from '@/lib/counter/resolve-card';
import { translateUserMessage } from './user-message';

const nbsp = (s: string) => s.replace(/\s/g, ' ');
type SellableCard = Parameters<typeof sellabilityProblem>[0];

describe('domain errors as codes + parameters, translated at the edge', () => {
  const card = {
    blockedAt: null,
    status: 'unused',
    activatedAt: new Date('2026-12-01T12:12:00Z'),
    activatedStore: { name: 'Oslo City' },
    expiresAt: null,
    batch: null,
  } as unknown as SellableCard;

  it('keeps the English message for the API and words the UI message in the user’s language and the account’s time zone', () => {
    const error = sellabilityProblem(card, 'Europe/Oslo')!;
    expect(error.message).toBe('Already activated on 1 Dec 2026, 13:12 at Oslo City. Do not sell it again.');
    expect(error.userMessage?.key).toBe('alreadyActivated');
    expect(translateUserMessage(error.userMessage!, 'en', en)).toBe(error.message);
    expect(translateUserMessage(error.userMessage!, 'nb', nb)).toBe('Allerede aktivert 1. des. 2026, 13:12 i Oslo City. Ikke selg det igjen.');
  });

  it('leaves out the parts a card does not have', () => {
    const byTill = { ...card, activatedStore: null } as unknown as SellableCard;
    const error = sellabilityProblem(byTill, 'Europe/Oslo')!;
    expect(translateUserMessage(error.userMessage!, 'en', en)).toBe(error.message);
    expect(translateUserMessage(error.userMessage!, 'nb', nb)).toBe('Allerede aktivert 1. des. 2026, 13:12 av hovedkontoret eller en kasse. Ikke selg det igjen.');
  });

  it('formats amounts in the user’s language', () => {
    const sale = checkSaleAmount('99', 'NOK', { minAmount: 10_000, maxAmount: null });
    if (sale.ok || !sale.userMessage) throw new Error('expected a refusal with a message key');
    expect(nbsp(sale.error)).toBe('The smallest amount per card is NOK 100.00');
    expect(nbsp(translateUserMessage(sale.userMessage, 'nb', nb))).toBe('Minste beløp per kort er 100,00 kr');
    expect(translateUserMessage(sale.userMessage, 'en', en)).toBe(sale.error);
  });
});
