/** 100,000,000.00 in a two-decimal currency: far above any gift card, far below overflow. */
export const MAX_AMOUNT_MINOR = 10_000_000_000;
