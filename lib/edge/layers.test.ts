/**
 * The lint rule that keeps the layers (eslint.config.mjs): lib/<domain> imports no Next.js, no
 * app/ and no edge module; components/ imports nothing from app/. Checked on sample sources, so
 * the rule cannot silently stop applying (a renamed folder, a glob that matches nothing).
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

async function layerErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// Loading ESLint's config (Next's plugins, typescript-eslint) takes seconds on a busy machine.
describe('layer lint rule', { timeout: 60_000 }, () => {
  it('refuses Next.js, app/ and the edge in a domain module', async () => {
    for (const spec of ['next/navigation', 'next/cache', 'next-auth', '@/app/store/actions', '@/lib/edge/session']) {
      expect(await layerErrors('lib/cards/sample.ts', `import { x } from '${spec}';\nexport const y = x;\n`), spec).toHaveLength(1);
    }
  });

  it('refuses app/ in a shared component, and lets the edge import Next.js', async () => {
    expect(
      await layerErrors('components/shell/sample.tsx', "import { signOutAction } from '@/app/_actions/sign-out';\nexport const a = signOutAction;\n"),
    ).toHaveLength(1);
    expect(await layerErrors('lib/edge/sample.ts', "import { unstable_rethrow } from 'next/navigation';\nexport const r = unstable_rethrow;\n")).toEqual([]);
    expect(await layerErrors('lib/cards/sample.ts', "import { getDb } from '@/lib/db/client';\nexport const d = getDb;\n")).toEqual([]);
  });
});
