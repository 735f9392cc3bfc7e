/**
 * Every way into the app goes through lib/edge: each route handler method (app/**\/route.ts) and
 * each server action (exports of 'use server' modules) must be built by one of the edge kit's
 * adapters, so none can skip its steps (session or token, permission, parse, error mapping, log).
 * A hand-rolled `export async function POST(…)` or action fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** The adapters, by the lib/edge module that exports each. */
const ADAPTERS: Record<string, string> = {
  apiRoute: '@/lib/edge/api-route',
  publicRoute: '@/lib/edge/public-route',
  sessionRoute: '@/lib/edge/session-route',
  formAction: '@/lib/edge/form-action',
  publicFormAction: '@/lib/edge/form-action',
  navigationAction: '@/lib/edge/form-action',
  dataAction: '@/lib/edge/data-action',
};

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(rel) : /\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function isUseServer(source: ts.SourceFile): boolean {
  const first = source.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use server';
}

function hasExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The exports of a module that are not built by an edge adapter, as `file#name` (or `file: what`). */
export function handRolledExports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const adapterImports = new Set<string>();
  const built = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const imported = (el.propertyName ?? el.name).text;
          if (ADAPTERS[imported] === statement.moduleSpecifier.text) adapterImports.add(el.name.text);
        }
      }
    }
  }
  const isAdapterCall = (init: ts.Expression | undefined): boolean =>
    !!init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && adapterImports.has(init.expression.text);
  // Local constants built by an adapter (`const notFound = publicRoute(…)`), which exports may alias.
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (ts.isIdentifier(decl.name) && isAdapterCall(decl.initializer)) built.add(decl.name.text);
    }
  }
  const problems: string[] = [];
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
    if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) problems.push(`${file}: export { … }`);
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      problems.push(`${file}: export default`);
      continue;
    }
    if (!hasExport(statement)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        const name = ts.isIdentifier(decl.name) ? decl.name.text : decl.name.getText(source);
        const init = decl.initializer;
        const ok = isAdapterCall(init) || (!!init && ts.isIdentifier(init) && built.has(init.text));
        // Route segment config (`export const dynamic = …`) is not an entry point.
        const isConfig = /^(dynamic|revalidate|runtime|preferredRegion|maxDuration|fetchCache|dynamicParams)$/.test(name);
        if (!ok && !isConfig) problems.push(`${file}#${name}`);
      }
      continue;
    }
    const name = (statement as { name?: ts.Identifier }).name?.text ?? '(anonymous)';
    problems.push(`${file}#${name}`);
  }
  return problems;
}

function entryFiles(): { file: string; text: string }[] {
  return filesUnder('app')
    .map((file) => ({ file, text: readFileSync(path.join(ROOT, file), 'utf8') }))
    .filter(({ file, text }) => /\/route\.tsx?$/.test(file) || isUseServer(ts.createSourceFile(file, text, ts.ScriptTarget.Latest)));
}

describe('entry points', () => {
  it('builds every route handler and server action in app/ with a lib/edge adapter', () => {
    const files = entryFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(({ file, text }) => handRolledExports(file, text))).toEqual([]);
  });

  it('refuses a hand-rolled handler, an unwrapped action and an adapter of the wrong module', () => {
    expect(handRolledExports('app/x/route.ts', 'export async function GET() { return new Response(); }')).toEqual(['app/x/route.ts#GET']);
    expect(handRolledExports('app/x/actions.ts', "'use server';\nexport const a = async () => 1;")).toEqual(['app/x/actions.ts#a']);
    expect(handRolledExports('app/x/route.ts', "import { publicRoute } from './mine';\nexport const GET = publicRoute('x', () => new Response());")).toEqual([
      'app/x/route.ts#GET',
    ]);
    expect(handRolledExports('app/x/route.ts', "import { handlers } from '@/lib/auth/config';\nexport const { GET, POST } = handlers;")).toEqual([
      'app/x/route.ts#{ GET, POST }',
    ]);
    expect(
      handRolledExports(
        'app/x/route.ts',
        "import { publicRoute } from '@/lib/edge/public-route';\nconst nf = publicRoute('nf', () => new Response());\nexport const GET = nf;\nexport const dynamic = 'force-dynamic';",
      ),
    ).toEqual([]);
  });
});
