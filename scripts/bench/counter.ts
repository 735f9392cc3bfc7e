/**
 * Case 5, the counter: the JavaScript a till downloads for /store (scripts/measure-route-js.ts,
 * real Chromium) and the activation round trip (scripts/bench-activation.ts: the server actions
 * over HTTP, and the same domain calls in-process on the embedded database as the baseline).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const TSX = path.resolve('node_modules/.bin/tsx');

async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

export interface RouteJs {
  totalGzipKb: number;
  /** What /login (the shared framework chunks) already loads. */
  sharedGzipKb: number;
}

/** Route JS for /store; null (with the reason) when no Chromium is available. */
export async function measureRouteJs(base: string): Promise<{ value: RouteJs | null; note: string }> {
  const { code, out } = await run(['scripts/measure-route-js.ts', '--url', base, '/store']);
  const m = out.match(/\/store\s+\d+ scripts: ([\d.]+) KB gzip .*?; ([\d.]+) KB gzip/);
  if (code !== 0 || !m) {
    const reason = /Executable doesn't exist|browserType\.launch/.test(out)
      ? 'no Chromium on this machine (set PLAYWRIGHT_CHROMIUM_EXECUTABLE)'
      : out.trim().split('\n').slice(-3).join(' ');
    return { value: null, note: `not measured: ${reason}` };
  }
  const total = Number(m[1]);
  const own = Number(m[2]);
  return { value: { totalGzipKb: total, sharedGzipKb: total - own }, note: out.trim() };
}

export interface RoundTrip {
  findMs: number;
  activateMs: number;
}

function parseRoundTrip(out: string): RoundTrip | null {
  const find = out.match(/find card .*?median ([\d.]+)/);
  const activate = out.match(/activate .*?median ([\d.]+)/);
  return find && activate ? { findMs: Number(find[1]), activateMs: Number(activate[1]) } : null;
}

/** Median scan → card shown and confirm → receipt, over HTTP against `base` and in-process on PGlite. */
export async function measureRoundTrip(base: string, n: number): Promise<{ http: RoundTrip; embedded: RoundTrip | null; note: string }> {
  const http = await run(['scripts/bench-activation.ts', '--url', base, '--n', String(n)]);
  const httpResult = parseRoundTrip(http.out);
  if (http.code !== 0 || !httpResult) throw new Error(`bench-activation.ts --url failed:\n${http.out.slice(-1500)}`);
  const embedded = await run(['scripts/bench-activation.ts', '--n', String(n)], { LOG_LEVEL: 'silent' });
  return { http: httpResult, embedded: parseRoundTrip(embedded.out), note: `${http.out.trim()}\n${embedded.out.trim()}` };
}
