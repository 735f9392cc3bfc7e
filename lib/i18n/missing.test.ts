import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { MISSING_MARKER, missingMessage } from './missing';

describe('a missing message is visible', () => {
  it('renders as a marker naming the key, not as silent text', () => {
    const t = createTranslator({ locale: 'en', messages: { a: { b: 'B' } }, getMessageFallback: missingMessage, onError: () => {} }) as unknown as (key: string) => string;
    expect(t('a.b')).toBe('B');
    expect(t('a.nope')).toBe(`${MISSING_MARKER} a.nope⟧`);
  });
});
