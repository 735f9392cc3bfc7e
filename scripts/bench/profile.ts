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
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
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

/** The original source of a frame (through the chunk's source map when there is one). */
function originalSource(frame: ProfileNode['callFrame']): string {
  const map = frame.url ? sourceMapFor(frame.url) : null;
  if (map && frame.lineNumber >= 0) {
    const entry = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string };
    if (entry.originalSource) return entry.originalSource;
  }
  return frame.url;
}

export function groupOf(source: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'V8 / native (program)';
  const s = source.replace(/\\/g, '/');
  const pkg = s.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (s.startsWith('wasm://') || pkg?.startsWith('@prisma/') || pkg === 'prisma' || s.includes('lib/generated/prisma')) return 'Prisma (client, query compiler, adapter)';
  if (pkg === 'pg' || pkg === 'pg-protocol' || pkg === 'pg-pool' || pkg === 'pg-types') return 'pg driver';
  if (pkg === 'next' || pkg === '@next/env') return 'Next.js';
  if (pkg === 'next-auth' || pkg === '@auth/core' || pkg === 'jose' || pkg === '@panva/hkdf' || pkg === 'oauth4webapi') return 'next-auth / jose';
  if (pkg === 'zod') return 'zod';
  if (pkg === 'pino' || pkg === 'sonic-boom' || pkg === 'thread-stream' || pkg === 'safe-stable-stringify' || pkg === 'pino-std-serializers' || pkg === 'fast-redact') return 'logging (pino)';
  if (pkg === 'react' || pkg === 'react-dom') return 'React';
  if (pkg) return pkg;
  if (s.startsWith('node:') || (!s.includes('/') && s !== '')) return 'Node.js core';
  if (s === '') return 'Node.js core / native';
  if (/(^|\/)(lib|app|components)\//.test(s) || /(proxy|instrumentation)\.ts$/.test(s)) return 'app code (lib/, app/)';
  return 'other';
}

export interface ProfileSummary {
  totalMs: number;
  groups: { group: string; ms: number; share: number }[];
  functions: { name: string; source: string; group: string; ms: number; share: number }[];
}

export function summariseProfile(file: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, { name: string; source: string; group: string; ms: number }>();
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (!ms) continue;
    const source = originalSource(node.callFrame);
    const group = groupOf(source, node.callFrame.functionName);
    if (group === 'idle') continue;
    byGroup.set(group, (byGroup.get(group) ?? 0) + ms);
    const name = node.callFrame.functionName || '(anonymous)';
    const short = source.replace(/^.*node_modules\//, '').replace(/^.*?\/(lib|app)\//, '$1/').replace(/^file:\/\//, '');
    const key = `${name} ${short}`;
    const entry = byFunction.get(key) ?? { name, source: short, group, ms: 0 };
    entry.ms += ms;
    byFunction.set(key, entry);
  }
  const totalMs = [...byGroup.values()].reduce((a, b) => a + b, 0);
  const share = (ms: number) => ms / totalMs;
  return {
    totalMs,
    groups: [...byGroup].map(([group, ms]) => ({ group, ms, share: share(ms) })).sort((a, b) => b.ms - a.ms),
    functions: [...byFunction.values()].map((f) => ({ ...f, share: share(f.ms) })).sort((a, b) => b.ms - a.ms).slice(0, 15),
  };
}
