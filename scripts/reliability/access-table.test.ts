/**
 * The access table (access-table.ts) must name exactly what exists: every page, every exported
 * server action and every route handler method on disk — so a new route without an entry fails
 * here, and so does an entry for something that was removed or renamed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, type OperationSpec } from '@/lib/api/operations';
import { SCOPES } from '@/lib/auth/scopes';
import { ACCESS_TABLE, entryKey, PRINCIPALS } from './access-table';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(rel));
    else out.push(rel);
  }
  return out;
}

/** The names a module exports at run time (`export type …` excluded). */
export function exportedNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  for (const m of source.matchAll(/^export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]!);
  // export const { GET, POST } = handlers;  export { handler as GET, POST };
  for (const m of source.matchAll(/^export\s+(?:const|let|var)\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part.split(':').pop()!.trim();
      if (name) names.add(name);
    }
  }
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(',')) {
      if (/^\s*type\s/.test(part)) continue;
      const name = part
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if (name) names.add(name);
    }
  }
  return [...names];
}

function onDisk(): string[] {
  const files = filesUnder('app');
  const keys: string[] = [];
  for (const file of files.filter((f) => /\/page\.tsx?$/.test(f))) keys.push(file);
  const actionFiles = files.filter((f) => /\/actions\.tsx?$/.test(f) || /^app\/_actions\/[^/]+\.tsx?$/.test(f));
  for (const file of actionFiles) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    // Only 'use server' modules hold actions; their exported functions are all callable over HTTP.
    if (!/^\s*['"]use server['"]/.test(source)) continue;
    for (const name of exportedNames(source)) keys.push(`${file}#${name}`);
  }
  for (const file of files.filter((f) => /\/route\.tsx?$/.test(f))) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    for (const name of exportedNames(source).filter((n) => HTTP_METHODS.includes(n))) keys.push(`${file} ${name}`);
  }
  return keys.sort();
}

describe('access table', () => {
  it('has an entry for every page, server action and route method on disk, and none for anything else', () => {
    const inTable = ACCESS_TABLE.map(entryKey).sort();
    const disk = onDisk();
    expect({ missingFromTable: disk.filter((k) => !inTable.includes(k)), notOnDisk: inTable.filter((k) => !disk.includes(k)) }).toEqual({
      missingFromTable: [],
      notOnDisk: [],
    });
    expect(new Set(inTable).size).toBe(inTable.length);
  });

  it('gives every entry an outcome for every principal', () => {
    for (const entry of ACCESS_TABLE) expect(Object.keys(entry.expect).sort(), entryKey(entry)).toEqual([...PRINCIPALS].sort());
  });

  it('has one API client principal per Wallet API scope', () => {
    expect(PRINCIPALS.filter((p) => p.startsWith('api:')).map((p) => p.slice(4))).toEqual([...SCOPES]);
  });

  it('declares each Wallet API route with the scope class its handler uses', () => {
    for (const entry of ACCESS_TABLE) {
      if (entry.kind !== 'api' || entry.operation === 'token') continue;
      const source = readFileSync(path.join(ROOT, entry.file), 'utf8');
      // The handler names its declared operation (lib/api/operations.ts), which carries the scope rule.
      const name = new RegExp(`export\\s+const\\s+${entry.method}\\s*=\\s*apiRoute(?:<[^>]*>)?\\(\\s*'([^']+)'`).exec(source)?.[1];
      const declared = name ? (OPERATIONS as Record<string, OperationSpec>)[name]?.access : undefined;
      expect(declared, entryKey(entry)).toBe(entry.operation);
    }
  });

  it('files every route under app/api/v1/accounts as a Wallet API operation', () => {
    for (const entry of ACCESS_TABLE) {
      if (entry.file.startsWith('app/api/v1/accounts/')) expect(entry.kind, entryKey(entry)).toBe('api');
    }
  });
});
