/**
 * The Wallet API's Node.js path (node-api.ts): its route table is every route file under
 * app/api/v1/accounts, and its router takes exactly the requests Next.js would send to those
 * files — the rest (and anything unusual) it leaves to Next.js.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_API_ROUTES } from '@/app/api/v1/node-routes';
import { createNodeApiRouter, type NodeApiDecision } from './node-api';

const ROOT = path.resolve(import.meta.dirname, '../..');
const API_DIR = path.join(ROOT, 'app/api/v1');

function routeFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFolders(full);
    return entry.name === 'route.ts' ? [path.relative(API_DIR, dir).split(path.sep).join('/')] : [];
  });
}

describe('the route table (app/api/v1/node-routes.ts)', () => {
  it('lists every route file under app/api/v1/accounts, once, and nothing else', () => {
    const files = routeFolders(path.join(API_DIR, 'accounts')).sort();
    const listed = NODE_API_ROUTES.map(([folder]) => folder).sort();
    expect(listed).toEqual(files);
  });

  it('pairs each folder with that folder’s own route module', async () => {
    for (const [folder, module] of NODE_API_ROUTES) {
      const own = (await import(/* @vite-ignore */ path.join(API_DIR, folder, 'route.ts'))) as Record<string, unknown>;
      expect(module, folder).toBe(own);
      const declared = [...readFileSync(path.join(API_DIR, folder, 'route.ts'), 'utf8').matchAll(/^export const (\w+)/gm)].map((m) => m[1]);
      expect(Object.keys(module).sort(), folder).toEqual(declared.sort());
    }
  });
});

describe('the router', () => {
  const router = createNodeApiRouter(NODE_API_ROUTES);
  const A = 'T12345678';

  function routed(decision: NodeApiDecision): { folder: string; params: Record<string, string> } | string {
    return decision.kind === 'route' ? { folder: decision.match.folder, params: decision.match.params } : decision.kind;
  }

  it('answers the API’s routes under /v1 (any case of v1, as the rewrite) and /api/v1', () => {
    const info = { folder: 'accounts/[aid]/wallets/info', params: { aid: A } };
    expect(routed(router.decide('POST', `/v1/accounts/${A}/wallets/info`))).toEqual(info);
    expect(routed(router.decide('POST', `/V1/accounts/${A}/wallets/info`))).toEqual(info);
    expect(routed(router.decide('POST', `/api/v1/accounts/${A}/wallets/info`))).toEqual(info);
    expect(routed(router.decide('POST', `/API/v1/accounts/${A}/wallets/info`))).toBe('next');
    expect(routed(router.decide('POST', `/v2/accounts/${A}/wallets/info`))).toBe('next');
  });

  it('takes the path parameters as they are, and ignores the query', () => {
    expect(routed(router.decide('POST', `/v1/accounts/${A}/wallets/transactions/tx-1/capture?x=1`))).toEqual({
      folder: 'accounts/[aid]/wallets/transactions/[transactionId]/capture',
      params: { aid: A, transactionId: 'tx-1' },
    });
    expect(routed(router.decide('GET', `/v1/accounts/${A}/wallets/cards?limit=5&starting_after=gc-1`))).toEqual({
      folder: 'accounts/[aid]/wallets/cards',
      params: { aid: A },
    });
  });

  it('prefers a fixed segment to a parameter, as Next.js does, and does not fall back for another method', () => {
    expect(routed(router.decide('POST', `/v1/accounts/${A}/wallets/cards/batch`))).toEqual({
      folder: 'accounts/[aid]/wallets/cards/batch',
      params: { aid: A },
    });
    // batch has no GET: Next.js answers 405 there, it does not read "batch" as a card id.
    expect(routed(router.decide('GET', `/v1/accounts/${A}/wallets/cards/batch`))).toBe('next');
    expect(routed(router.decide('GET', `/v1/accounts/${A}/wallets/cards/gc-1`))).toEqual({
      folder: 'accounts/[aid]/wallets/cards/[cardId]',
      params: { aid: A, cardId: 'gc-1' },
    });
    // A longer path matches by its whole length: "batch" is a card id here.
    expect(routed(router.decide('POST', `/v1/accounts/${A}/wallets/cards/batch/activate`))).toEqual({
      folder: 'accounts/[aid]/wallets/cards/[cardId]/activate',
      params: { aid: A, cardId: 'batch' },
    });
  });

  it('leaves methods the route file does not export to Next.js (405, HEAD, OPTIONS)', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) {
      expect(routed(router.decide(method, `/v1/accounts/${A}/wallets/info`)), method).toBe('next');
    }
    expect(routed(router.decide('DELETE', `/v1/accounts/${A}/wallets/cards/gc-1`))).toMatchObject({ folder: 'accounts/[aid]/wallets/cards/[cardId]' });
  });

  it('leaves unknown paths, openapi.json and unusual segments to Next.js', () => {
    for (const url of [
      '/v1',
      '/v1/',
      '/v1/openapi.json',
      `/v1/accounts/${A}`,
      `/v1/accounts/${A}/wallets/info/`,
      `/v1/accounts/${A}//wallets/info`,
      `/v1/accounts/${A}/wallets/./info`,
      `/v1/accounts/${A}/wallets/cards/../info`,
      `/v1/accounts/${A}/wallets/nothing`,
      `/v1/accounts/${A}/wallets/cards/a\\b`,
      `/v1/accounts/${A}/wallets/cards/X#/tokens`,
      `/v1/accounts/${A}/wallets/cards/a b`,
      '/login',
      '/hq/cards',
    ]) {
      expect(routed(router.decide('POST', url)), url).toBe('next');
    }
  });

  it('leaves valid percent-encoding to Next.js and answers encoding that cannot be decoded with the JSON 400', async () => {
    expect(routed(router.decide('GET', `/v1/accounts/${A}/wallets/cards/g%41c`))).toBe('next');
    expect(routed(router.decide('GET', `/v1/accounts/${A}/wallets/cards/a%2Fb`))).toBe('next');
    for (const url of [`/v1/accounts/${A}/wallets/cards/%ZZ`, `/V1/accounts/${A}/wallets/cards/%C0%AF`, `/api/v1/accounts/%ED%A0%80/wallets/info`]) {
      const decision = router.decide('GET', url);
      expect(decision.kind, url).toBe('malformed');
      if (decision.kind !== 'malformed') continue;
      expect(decision.response.status).toBe(400);
      expect(await decision.response.json()).toEqual({ error: { code: 'INVALID_INPUT', message: 'The URL path is not valid percent-encoded UTF-8.' } });
    }
  });
});
