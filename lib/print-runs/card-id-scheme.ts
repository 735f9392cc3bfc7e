/**
 * Card ids of a print run: prefix + zero-padded sequence number, optionally followed by a Luhn
 * check digit over the sequence digits (so a mistyped id can be caught at the counter).
 * Pure functions: the order form's preview runs the same code as the server.
 */
export interface CardIdScheme {
  prefix: string;
  start: number;
  padWidth: number;
  luhn: boolean;
}

/** The Luhn (mod 10) check digit for a string of digits. */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `digits` is the Luhn check digit of the rest. */
export function isValidLuhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

export function cardIdAt(scheme: CardIdScheme, index: number): string {
  const digits = String(scheme.start + index).padStart(scheme.padWidth, '0');
  return `${scheme.prefix}${digits}${scheme.luhn ? luhnCheckDigit(digits) : ''}`;
}

export function cardIdRange(scheme: CardIdScheme, quantity: number): { first: string; last: string } {
  return { first: cardIdAt(scheme, 0), last: cardIdAt(scheme, quantity - 1) };
}

/** Whether the sequence still fits the padding (a longer number would break the id shape). */
export function fitsPadding(scheme: CardIdScheme, quantity: number): boolean {
  return String(scheme.start + quantity - 1).length <= scheme.padWidth;
}

/** Whether `cardId` is one of the ids of a run of `quantity` cards with this scheme. */
export function isRunCardId(scheme: CardIdScheme, quantity: number, cardId: string): boolean {
  if (!cardId.startsWith(scheme.prefix)) return false;
  const rest = cardId.slice(scheme.prefix.length);
  const digits = scheme.luhn ? rest.slice(0, -1) : rest;
  if (!/^\d+$/.test(digits)) return false;
  const index = Number(digits) - scheme.start;
  return Number.isSafeInteger(index) && index >= 0 && index < quantity && cardIdAt(scheme, index) === cardId;
}
