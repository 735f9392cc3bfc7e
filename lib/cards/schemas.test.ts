import { describe, expect, it } from 'vitest';
import { createBatchSchema, createCardSchema, rotatePinSchema } from './schemas';

const card = { card_id: 'gc-1', amount: 100, currency: 'NOK' };

describe('secret format objects that are missing or not objects', () => {
  it.each([
    ['create card, pin {}', createCardSchema, { ...card, pin: {} }, 'pin.format'],
    ['create card, pin.format null', createCardSchema, { ...card, pin: { format: null } }, 'pin.format'],
    ['create card, card_token.format []', createCardSchema, { ...card, card_token: { format: [] } }, 'card_token.format'],
    ['batch, options.pin {}', createBatchSchema, { cards: [{ card_id: 'gc-1' }], options: { pin: {} } }, 'options.pin.format'],
    [
      'batch, options.card_token.format null',
      createBatchSchema,
      { cards: [{ card_id: 'gc-1' }], options: { card_token: { format: null } } },
      'options.card_token.format',
    ],
    ['rotate PIN, pin {}', rotatePinSchema, { pin: {} }, 'pin.format'],
    ['rotate PIN, pin.format null', rotatePinSchema, { pin: { format: null } }, 'pin.format'],
  ] as const)('%s is refused with a type error naming the field', (_, schema, input, path) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual([path]);
  });
});
