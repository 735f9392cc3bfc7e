/**
 * The translated areas hold no string literals in JSX (eslint.config.mjs, react/jsx-no-literals):
 * checked on sample sources, so the rule cannot silently stop applying (a renamed folder, a glob
 * that matches nothing), and on the real files, so a literal that slipped in fails here too.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function literalErrors(file: string, source: string): Promise<number> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'react/jsx-no-literals').length;
}

describe('no string literals in translated components', { timeout: 60_000 }, () => {
  it('refuses a literal in a counter component, accepts a message from the catalogue', async () => {
    expect(await literalErrors('app/store/_components/sample.tsx', 'export const A = () => <p>Find card</p>;\n')).toBe(1);
    expect(await literalErrors('app/store/today/sample.tsx', "export const A = () => <p>{'Undo'}</p>;\n")).toBe(1);
    expect(
      await literalErrors('app/store/_components/sample.tsx', "export const A = ({ t }: { t: (k: string) => string }) => <p>{t('find')} · {t('x')}</p>;\n"),
    ).toBe(0);
  });

  it('refuses a literal on every HQ page and its shared components', async () => {
    expect(await literalErrors('app/hq/stores/sample.tsx', 'export const A = () => <p>New store</p>;\n')).toBe(1);
    expect(await literalErrors('app/hq/print-runs/[batchId]/release/sample.tsx', 'export const A = () => <p>Release</p>;\n')).toBe(1);
    expect(await literalErrors('app/hq/sample.tsx', 'export const A = () => <p>Dashboard</p>;\n')).toBe(1);
    expect(await literalErrors('components/charts/sample.tsx', 'export const A = () => <p>Day</p>;\n')).toBe(1);
    expect(await literalErrors('components/profile/sample.tsx', 'export const A = () => <p>Profile</p>;\n')).toBe(1);
    expect(await literalErrors('components/form/sample.tsx', 'export const A = () => <p>Block card</p>;\n')).toBe(1);
    for (const area of ['cards', 'cards/[cardId]', 'webhooks', 'approvals', 'audit']) {
      expect(await literalErrors(`app/hq/${area}/sample.tsx`, 'export const A = () => <p>Cards</p>;\n')).toBe(1);
    }
  });

  it('finds none in the translated areas today', async () => {
    const results = await eslint.lintFiles([
      'app/store/**/*.tsx',
      'components/i18n/**/*.tsx',
      'app/hq/**/*.tsx',
      'components/charts/**/*.tsx',
      'components/shell/**/*.tsx',
      'components/form/**/*.tsx',
    ]);
    const found = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === 'react/jsx-no-literals').map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`),
    );
    expect(found).toEqual([]);
  });
});
