import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { INTL_LOCALES, LOCALES, negotiateLocale } from './locales';

type Tree = { [key: string]: string | Tree };
const catalogue = (locale: string): Tree => JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8'));

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}
function lookup(tree: Tree, key: string): string {
  return key.split('.').reduce<string | Tree>((node, k) => (node as Tree)[k]!, tree) as string;
}

describe('message catalogues', () => {
  const english = keys(catalogue('en')).sort();

  it.each(LOCALES)('%s has exactly the keys of the English catalogue (none missing, none stale)', (locale) => {
    expect(keys(catalogue(locale)).sort()).toEqual(english);
  });

  it.each(LOCALES)('every %s message is valid ICU and uses the same arguments as the English one', (locale) => {
    // The argument names, from the parsed message (select/plural cases are not arguments).
    type Node = { type: number; value?: unknown; options?: Record<string, { value: Node[] }>; children?: Node[] };
    const names = (nodes: Node[]): string[] =>
      nodes.flatMap((n) => [
        ...(n.type >= 1 && n.type <= 6 && typeof n.value === 'string' ? [n.value] : []),
        ...Object.values(n.options ?? {}).flatMap((o) => names(o.value)),
        ...names(n.children ?? []),
      ]);
    const args = (message: string) => [...new Set(names(new IntlMessageFormat(message, 'en').getAst() as Node[]))].sort();
    for (const key of english) {
      const message = lookup(catalogue(locale), key);
      expect(message.trim(), key).not.toBe('');
      expect(() => new IntlMessageFormat(message, INTL_LOCALES[locale]), key).not.toThrow();
      expect(args(message), key).toEqual(args(lookup(catalogue('en'), key)));
    }
  });
});

describe('negotiateLocale (the login page follows the browser)', () => {
  it('picks the best language we have', () => {
    expect(negotiateLocale('nb-NO,nb;q=0.9,en;q=0.8')).toBe('nb');
    expect(negotiateLocale('no')).toBe('nb');
    expect(negotiateLocale('de-DE,en-US;q=0.7,nb;q=0.5')).toBe('en');
    expect(negotiateLocale('de, nn;q=0.4')).toBe('nb');
    expect(negotiateLocale('en;q=0.2, nb;q=0.8')).toBe('nb');
  });
  it('falls back to English', () => {
    expect(negotiateLocale(null)).toBe('en');
    expect(negotiateLocale('de-DE')).toBe('en');
    expect(negotiateLocale('nb;q=0')).toBe('en');
  });
});
