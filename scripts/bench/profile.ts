/**
 * Summarises a V8 CPU profile (`node --cpu-prof`) of the server: self time per function, mapped
 * through the build's source maps to the original module, grouped (Prisma, Next.js, next-auth,
 * zod, logging, pg, Node core, GC, app code …).
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  startTime: number;
  endTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();
function sourceMapFor(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = url.startsWith('file://') ? fileURLToPath(url) : url;
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url)!;
}

/** The original source of a frame (through the build chunk's source map; packages outside the build as they are). */
function originalSource(frame: ProfileNode['callFrame']): string {
  if (frame.url.includes('/node_modules/')) return decodeURIComponent(frame.url);
  const map = frame.url ? sourceMapFor(frame.url) : null;
  if (map && frame.lineNumber >= 0) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
    if (entry.originalSource) return decodeURIComponent(entry.originalSource);
  }
  return frame.url;
}

export function groupOf(source: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 / native (program)';
  const s = source.replace(/\\/g, '/');
  const pkg = s.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (s.startsWith('wasm://') || pkg?.startsWith('@prisma/') || pkg === 'prisma' || s.includes('lib/generated/prisma'))
    return 'Prisma (client, query compiler, adapter)';
  if (pkg === 'pg' || pkg === 'pg-protocol' || pkg === 'pg-pool' || pkg === 'pg-types') return 'pg driver';
  if (pkg === 'next' || pkg === '@next/env') return 'Next.js';
  if (pkg === 'next-auth' || pkg === '@auth/core' || pkg === 'jose' || pkg === '@panva/hkdf' || pkg === 'oauth4webapi') return 'next-auth / jose';
  if (pkg === 'zod') return 'zod';
  if (
    pkg === 'pino' ||
    pkg === 'sonic-boom' ||
    pkg === 'thread-stream' ||
    pkg === 'safe-stable-stringify' ||
    pkg === 'pino-std-serializers' ||
    pkg === 'fast-redact'
  )
    return 'logging (pino)';
  if (pkg === 'react' || pkg === 'react-dom') return 'React';
  if (pkg) return pkg;
  if (s.startsWith('turbopack:///[turbopack]')) return 'Next.js';
  if (s.startsWith('node:internal/modules') || s === 'node:vm') return 'Node.js module loading';
  if (s.startsWith('node:')) return 'Node.js core';
  if (/(^|\/)(lib|app|components)\//.test(s) || /(proxy|instrumentation)\.ts$/.test(s)) return 'app code (lib/, app/)';
  return 'other';
}

export interface ProfileSummary {
  totalMs: number;
  groups: { group: string; ms: number; share: number }[];
  /** `caller`: the nearest frame outside Node.js core (who made a core/native call). */
  functions: { name: string; source: string; group: string; caller: string; ms: number; share: number }[];
}

/**
 * `lastSeconds`: only the samples of the profile's last seconds (the load, not the server's
 * start-up). Native frames without a script (writev, crypto bindings …) count for the group of
 * the nearest JavaScript caller, marked "(native)".
 */
export function summariseProfile(file: string, lastSeconds = Infinity): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = new Map<number, number>();
  const from = profile.endTime - lastSeconds * 1e6;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    if (t >= from) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sourceOf = (node: ProfileNode): { source: string; native: boolean } => {
    let n: ProfileNode | undefined = node;
    while (n && !n.callFrame.url && !n.callFrame.functionName.startsWith('(')) n = byId.get(parent.get(n.id) ?? -1);
    if (!n || n === node) return { source: originalSource(node.callFrame), native: false };
    return { source: originalSource(n.callFrame), native: true };
  };
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, { name: string; source: string; group: string; caller: string; ms: number }>();
  const shorten = (source: string) =>
    source
      .replace(/^.*node_modules\//, '')
      .replace(/^.*?\/(lib|app)\//, '$1/')
      .replace(/^file:\/\//, '');
  const callerOf = (node: ProfileNode): string => {
    let n = byId.get(parent.get(node.id) ?? -1);
    while (n && (n.callFrame.url === '' || n.callFrame.url.startsWith('node:'))) n = byId.get(parent.get(n.id) ?? -1);
    return n && !n.callFrame.functionName.startsWith('(root')
      ? `${shorten(originalSource(n.callFrame))} (${groupOf(originalSource(n.callFrame), n.callFrame.functionName)})`
      : '';
  };
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    const { source, native } = sourceOf(node);
    const group = groupOf(source, node.callFrame.functionName) + (native ? ' (native)' : '');
    if (group === 'idle') continue;
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms);
    const name = node.callFrame.functionName || '(anonymous)';
    const short = shorten(source);
    const caller = group.startsWith('Node.js') || group === 'GC' ? callerOf(node) : '';
    const key = `${name} ${short} ${caller}`;
    const entry = byFunction.get(key) ?? { name, source: short, group, caller, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
  }
  const totalMs = [...byGroup.values()].reduce((a, b) => a + b, 0);
  const share = (ms: number) => ms / totalMs;
  return {
    totalMs,
    groups: [...byGroup].map(([group, ms]) => ({ group, ms, share: share(ms) })).sort((a, b) => b.ms - a.ms),
    functions: [...byFunction.values()]
      .map((f) => ({ ...f, share: share(f.ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15),
  };
}
