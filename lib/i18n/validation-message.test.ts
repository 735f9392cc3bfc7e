import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import en from '@/messages/en.json';
import nb from '@/messages/nb.json';
import { blockCardSchema } from '@/lib/cards/schemas';
import { controlNoteSchema } from '@/lib/cards/control-schemas';
import { parseMajorAmount } from '@/lib/money/parse';
import { orderPrintRunSchema } from '@/lib/print-runs/schemas';
import { createStoreSchema } from '@/lib/stores/schemas';
import { createUserSchema } from '@/lib/users/schemas';
import { safeParseInput } from '@/lib/input/well-formed';
import { formErrorMap, localizeFieldErrors, translateFieldText } from './form-errors';
import { userMessage } from './user-message';
import { validationMessageOf, validationText } from './validation-message';

const messagesOf = (result: { success: boolean; error?: z.ZodError }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('validation messages: English for the API, the user’s language in forms', () => {
  it('the API keeps its English words (validationText gives the English catalogue text, unchanged)', () => {
    expect(messagesOf(createStoreSchema.safeParse({ name: 'x', currency: 'XXX' }))).toEqual({
      name: 'Use at least 2 characters',
      currency: 'Choose a currency',
    });
    expect(messagesOf(blockCardSchema.safeParse({ reason: 'bored' })).reason).toBe(
      'reason must be one of lost, stolen, suspected_fraud, damaged, customer_request, other',
    );
    expect(controlNoteSchema.safeParse('no').error?.issues[0]?.message).toBe('note: say in a few words why (at least 3 characters)');
    const run = orderPrintRunSchema.safeParse({
      quantity: '100001',
      type: 'gift_card',
      idPrefix: '',
      startSequence: '1',
      padWidth: '8',
      pinLength: '4',
      pinNumbers: 'on',
      tokenLength: '16',
      tokenNumbers: 'on',
    });
    expect(messagesOf(run).quantity).toBe('Quantity must be at most 100,000');
    expect(parseMajorAmount('-5', 'NOK')).toEqual({ ok: false, error: 'The amount cannot be negative' });
    expect(parseMajorAmount('1,234', 'NOK')).toEqual({ ok: false, error: 'Use at most 2 decimals' });
    expect(safeParseInput(z.object({ a: z.string() }), { a: 'x\u0000' }).error?.issues[0]?.message).toBe('must be valid Unicode text without NUL characters');
  });

  it('turns a schema’s own message back into its key and words it in Norwegian', () => {
    expect(validationMessageOf('Use at least 2 characters')).toEqual({ key: 'atLeastChars', params: { min: '2' } });
    expect(translateFieldText('Use at least 2 characters', 'nb', nb)).toBe('Bruk minst 2 tegn');
    expect(translateFieldText('Use at least 2 characters', 'en', en)).toBe('Use at least 2 characters');
    expect(translateFieldText(validationText('printRunAtMost', { field: 'quantity', max: '100,000' }), 'nb', nb)).toBe('Antall kan være høyst 100,000');
    expect(translateFieldText(validationText('reasonOneOf', { reasons: 'lost, stolen' }), 'nb', nb)).toBe('Velg en årsak: lost, stolen');
    // Text no schema made this way stays as it is.
    expect(translateFieldText('Something else', 'nb', nb)).toBe('Something else');
  });

  it('zod’s own messages come from the catalogue through the per-parse error map; a schema’s own message outranks it', () => {
    const schema = z.object({ email: z.email(), count: z.number().max(5), kind: z.enum(['a', 'b']) });
    const nbIssues = messagesOf(schema.safeParse({ count: 9, kind: 'c' }, { error: formErrorMap('nb', nb) }));
    expect(nbIssues).toEqual({ email: 'Fyll ut dette feltet', count: 'Kan være høyst 5', kind: 'Velg et av alternativene' });
    expect(messagesOf(schema.safeParse({ email: 'nope', count: 1, kind: 'a' }, { error: formErrorMap('nb', nb) })).email).toBe(
      'Skriv inn en gyldig e-postadresse',
    );
    // Without the map (the API): zod's English.
    expect(messagesOf(schema.safeParse({ count: 9, kind: 'a' })).email).toMatch(/^Invalid input/);
    // The schema's message wins over the map, so the form edge translates it by its key afterwards.
    const store = createStoreSchema.safeParse({ name: 'x', currency: 'NOK' }, { error: formErrorMap('nb', nb) });
    expect(messagesOf(store).name).toBe('Use at least 2 characters');
    const user = createUserSchema.safeParse({ email: 'x', role: 'CLERK', password: 'short' }, { error: formErrorMap('nb', nb) });
    expect(localizeFieldErrors({ email: [messagesOf(user).email!], password: [messagesOf(user).password!] }, 'nb', nb)).toEqual({
      email: ['Skriv inn en gyldig e-postadresse'],
      password: ['Bruk minst 12 tegn'],
    });
  });

  it('a parse nested in a form schema’s transform words zod’s own messages from the catalogue too', () => {
    const valid = {
      quantity: '25',
      type: 'gift_card',
      idPrefix: '',
      startSequence: '1',
      padWidth: '6',
      pinLength: '4',
      pinNumbers: 'on',
      tokenLength: '16',
      tokenNumbers: 'on',
    };
    const run = orderPrintRunSchema.safeParse({ ...valid, tokenLength: 'many' });
    expect(messagesOf(run).tokenLength).toBe('This value is not valid');
    expect(translateFieldText(messagesOf(run).tokenLength!, 'nb', nb)).toBe('Verdien er ikke gyldig');
  });

  it('a domain error’s field errors: its own per-field message, else the message where the field repeats it', () => {
    const fields = localizeFieldErrors({ storeId: ['Unknown store'], other: ['Choose the store you are selling for'] }, 'nb', nb, {
      userMessage: userMessage('chooseStore', undefined, { storeId: userMessage('storeUnavailable') }),
      englishMessage: 'Choose the store you are selling for.',
    });
    expect(fields).toEqual({ storeId: ['Den butikken finnes ikke eller er deaktivert.'], other: ['Velg butikken du selger for.'] });
  });

  it('every English validation text is unique, so a text names one key', () => {
    const texts = Object.values(en.validation);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
