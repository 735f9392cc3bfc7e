/**
 * The operation declarations are the single source of the Wallet API: every route file under
 * app/api/v1/accounts/[aid]/wallets exports exactly the declared methods for its path, each built
 * with `apiRoute('<declared name>', …)`; every Dintero endpoint of the contract maps to a declared
 * operation of the same method and path; and docs/COMPATIBILITY.md is what the declarations say.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi';
import { compatibilityMarkdown } from './compatibility';
import { DINTERO_ENDPOINTS, OPERATIONS, type OperationSpec } from './operations';

const WALLET_DIR = path.resolve('app/api/v1/accounts/[aid]');
const PARAM_NAMES: Record<string, string> = { cardId: 'card_id', customerId: 'customer_id', transactionId: 'transaction_id', deliveryId: 'delivery_id' };

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return entry === 'route.ts' ? [full] : [];
  });
}

function apiPathOf(file: string): string {
  const rel = path.relative(WALLET_DIR, path.dirname(file)).split(path.sep);
  return '/' + rel.map((seg) => (seg.startsWith('[') ? `{${PARAM_NAMES[seg.slice(1, -1)] ?? seg.slice(1, -1)}}` : seg)).join('/');
}

describe('Wallet API operation declarations', () => {
  const declared = Object.entries(OPERATIONS) as [string, OperationSpec][];
  const served = routeFiles(WALLET_DIR)
    .filter((f) => !f.includes(`${path.sep}auth${path.sep}token${path.sep}`))
    .flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const exports = [...source.matchAll(/export const (GET|POST|PATCH|PUT|DELETE)\s*=\s*apiRoute(?:<[^>]*>)?\(\s*'([^']+)'/g)];
      const allExports = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g)];
      expect(exports.length, `${file}: every handler must be built with apiRoute('<declared name>', …)`).toBe(allExports.length);
      return exports.map((m) => ({ file, method: m[1]!, name: m[2]!, path: apiPathOf(file) }));
    });

  it('every route handler is a declared operation with its declared method and path', () => {
    for (const route of served) {
      const spec = (OPERATIONS as Record<string, OperationSpec>)[route.name];
      expect(spec, `${route.file} serves undeclared operation ${route.name}`).toBeDefined();
      expect({ method: route.method, path: route.path }).toEqual({ method: spec!.method, path: spec!.path });
    }
  });

  it('every declared operation is served by exactly one handler', () => {
    for (const [name] of declared)
      expect(
        served.filter((r) => r.name === name).map((r) => r.name),
        name,
      ).toEqual([name]);
  });

  it('every Dintero endpoint maps to an operation of the same method and path, and extensions stay off Dintero paths', () => {
    for (const endpoint of DINTERO_ENDPOINTS) {
      if (!endpoint.operation) continue;
      const spec = OPERATIONS[endpoint.operation];
      expect({ method: spec.method, path: spec.path }, endpoint.operation).toEqual({ method: endpoint.method, path: endpoint.path });
    }
    const dinteroPaths = new Set(DINTERO_ENDPOINTS.map((e) => `${e.method} ${e.path}`));
    for (const [name, spec] of declared) {
      expect(dinteroPaths.has(`${spec.method} ${spec.path}`), `${name}: ${spec.dintero.status}`).toBe(spec.dintero.status === 'supported');
    }
  });

  it('the OpenAPI document lists every operation with the scopes of its rule and the full error-code table', () => {
    const doc = buildOpenApiDocument('http://x');
    const ops = Object.values(doc.paths).flatMap((p) => Object.values(p) as { operationId: string; security?: { bearer?: string[] }[] }[]);
    expect(ops.map((o) => o.operationId).sort()).toEqual(['auth.token', ...declared.map(([name]) => name)].sort());
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(expect.arrayContaining(['BUSY', 'INTERNAL', 'LIMIT_EXCEEDED']));
    const settings = ops.find((o) => o.operationId === 'settings.get')!;
    expect(settings.security?.[0]?.bearer).toEqual(['admin:wallets', 'read:wallets']);
  });

  it('docs/COMPATIBILITY.md is up to date (npm run docs:compat)', () => {
    expect(readFileSync(path.resolve('docs/COMPATIBILITY.md'), 'utf8')).toBe(compatibilityMarkdown());
  });
});
