/**
 * The audit catalogue is the whole truth about what the code writes: every action literal handed
 * to recordAuditEvent / auditInsertSql / a ledger entry's audit (and the print-run refusals) is
 * catalogued, every catalogued action is written somewhere, and every one has a label in both
 * message catalogues. The type of AuditEventInput already refuses an uncatalogued literal; this
 * catches what a cast or a string built at run time could slip past it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_CATALOGUE, LEDGER_AUDIT_ACTIONS, auditActionLabel, isAuditAction } from './catalogue';
import { auditInsertSql, type AuditEventInput } from './record-audit-event';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ACTION_LITERAL = /^[a-z_]+\.[a-z_]+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The audit actions a source file writes: quoted literals on `action:` lines and in `refuse(…)` calls; a template literal is an error. */
export function writtenActions(source: string): { actions: string[]; templates: string[] } {
  if (!/record-audit-event|audit\/catalogue|audit: \(|refuse\(/.test(source)) return { actions: [], templates: [] };
  const actions: string[] = [];
  const templates: string[] = [];
  for (const line of source.split('\n')) {
    if (!/\baction:/.test(line)) continue;
    for (const m of line.matchAll(/'([^']*)'|"([^"]*)"/g)) if (ACTION_LITERAL.test(m[1] ?? m[2]!)) actions.push(m[1] ?? m[2]!);
    if (/\baction:\s*`/.test(line)) templates.push(line.trim());
  }
  for (const m of source.matchAll(/\brefuse\(\s*'([^']+)'/g)) actions.push(m[1]!);
  return { actions, templates };
}

type Tree = { [key: string]: string | Tree };
const messages = (locale: string): Tree => JSON.parse(readFileSync(path.join(ROOT, `messages/${locale}.json`), 'utf8'));
const lookup = (tree: Tree, key: string) =>
  key.split('.').reduce<string | Tree | undefined>((node, k) => (typeof node === 'object' ? node[k] : undefined), tree);

describe('the audit catalogue', () => {
  const files = ['lib', 'app', 'scripts'].flatMap((d) => sourceFiles(path.join(ROOT, d))).filter((f) => !f.endsWith(path.join('lib', 'audit', 'catalogue.ts')));
  const written = new Map<string, string[]>();
  const templates: string[] = [];
  for (const file of files) {
    const found = writtenActions(readFileSync(file, 'utf8'));
    for (const action of found.actions) written.set(action, [...(written.get(action) ?? []), path.relative(ROOT, file)]);
    templates.push(...found.templates.map((t) => `${path.relative(ROOT, file)}: ${t}`));
  }
  for (const action of Object.values(LEDGER_AUDIT_ACTIONS)) written.set(action, [...(written.get(action) ?? []), 'LEDGER_AUDIT_ACTIONS']);

  it('the scanner finds literals, ternaries and refusals, and flags templates (so this test can fail)', () => {
    const sample = [
      "import { recordAuditEvent } from '@/lib/audit/record-audit-event';",
      "await recordAuditEvent({ action: 'card.nope', target });",
      "  action: on ? 'store.disable' : 'store.enable',",
      "await refuse(\n  'secrets.confirm_refused', 'x', error);",
      '  action: `card.${kind}`,',
    ].join('\n');
    const found = writtenActions(sample);
    expect(found.actions.sort()).toEqual(['card.nope', 'secrets.confirm_refused', 'store.disable', 'store.enable']);
    expect(found.templates).toHaveLength(1);
    expect(found.actions.filter((a) => !isAuditAction(a))).toEqual(['card.nope']);
  });

  it('holds every action the code writes', () => {
    expect(written.size).toBeGreaterThan(30);
    const missing = [...written].filter(([action]) => !isAuditAction(action)).map(([action, where]) => `${action} (${where.join(', ')})`);
    expect(missing).toEqual([]);
    expect(templates, 'write audit actions as literals of the catalogue, not templates').toEqual([]);
  });

  it('holds no action that nothing writes', () => {
    expect(AUDIT_ACTIONS.filter((action) => !written.has(action))).toEqual([]);
  });

  it.each(['en', 'nb'])('every action has a label in messages/%s.json (hqAudit.actions)', (locale) => {
    const tree = messages(locale);
    expect(AUDIT_ACTIONS.filter((action) => typeof lookup(tree, `hqAudit.actions.${action}`) !== 'string')).toEqual([]);
  });

  it('labels an action, and an old uncatalogued one as itself', () => {
    expect(auditActionLabel('card.block')).toBe(AUDIT_CATALOGUE['card.block'].label);
    expect(auditActionLabel('legacy.thing')).toBe('legacy.thing');
  });

  it('refuses an uncatalogued action at run time too (a string built at run time)', () => {
    const forged = { accountId: null, actor: { type: 'SYSTEM', id: null }, action: 'card.nope' } as unknown as AuditEventInput;
    expect(() => auditInsertSql(forged)).toThrow(/not in lib\/audit\/catalogue.ts/);
    expect(() => auditInsertSql({ accountId: null, actor: { type: 'SYSTEM', id: null }, action: 'print_run.ready' })).not.toThrow();
  });
});
