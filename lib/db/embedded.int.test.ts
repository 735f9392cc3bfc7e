/**
 * The embedded server has no authentication (every client is superuser `postgres`), so it must
 * be reachable by its owner only: no TCP listener at all, a 0600 Unix socket in a 0700 directory,
 * and the data files in a 0700 directory. Runs once (embedded project); it opens its own server.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { DESCRIPTOR, SOCKET_FILE } from './embedded-address';
import { findRunningEmbedded, openEmbedded, openEphemeralEmbedded, type EmbeddedHandle } from './embedded';

/** The inodes of the sockets this process has open (Linux). */
function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

/** Local addresses of TCP sockets this process listens on (state 0A = LISTEN), IPv4 and IPv6. */
function ownTcpListeners(): string[] {
  const mine = ownSocketInodes();
  const listening: string[] = [];
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    const lines = readFileSync(table, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && mine.has(cols[9]!)) listening.push(cols[1]!);
    }
  }
  return listening;
}

const mode = (file: string) => statSync(file).mode & 0o777;

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

describe.runIf(inject('dbKind') === 'embedded' && process.platform === 'linux')('the embedded database server', () => {
  let parent: string;
  let handle: EmbeddedHandle | undefined;
  beforeEach(() => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'cardstock-embedded-test-'));
  });
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    rmSync(parent, { recursive: true, force: true });
  });

  it('listens on no TCP port, only on an owner-only socket in an owner-only directory', async () => {
    const dataDir = path.join(parent, 'data');
    const before = ownTcpListeners();
    handle = await openEmbedded(dataDir);

    expect(ownTcpListeners()).toEqual(before);
    expect(handle.url).not.toMatch(/127\.0\.0\.1|localhost:\d/);
    const socketDir = path.join(dataDir, 'socket');
    expect(JSON.parse(readFileSync(path.join(dataDir, DESCRIPTOR), 'utf8'))).toEqual({ pid: process.pid, socketDir });
    expect(statSync(path.join(socketDir, SOCKET_FILE)).isSocket()).toBe(true);
    expect(mode(path.join(socketDir, SOCKET_FILE))).toBe(0o600);
    expect(mode(socketDir)).toBe(0o700);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, DESCRIPTOR))).toBe(0o600);
    // The owner still gets in, over the socket.
    expect(await selectOne(handle.url)).toBe(1);
  });

  it('makes an existing data directory that others could enter private', async () => {
    const dataDir = path.join(parent, 'shared');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    handle = await openEmbedded(dataDir);
    expect(mode(dataDir)).toBe(0o700);
  });

  it('lets another process join through the descriptor, and starts again over a socket left by a dead one', async () => {
    const dataDir = path.join(parent, 'data');
    handle = await openEmbedded(dataDir);
    // This process is the owner, so findRunningEmbedded (for other processes) skips it; a fake
    // descriptor naming a live other pid (our parent) with the same socket stands for "another process".
    const descriptorFile = path.join(dataDir, DESCRIPTOR);
    const real = readFileSync(descriptorFile, 'utf8');
    writeFileSync(descriptorFile, JSON.stringify({ ...JSON.parse(real), pid: process.ppid }));
    const joined = await findRunningEmbedded(dataDir);
    expect(joined).toBe(handle.url);
    expect(await selectOne(joined!)).toBe(1);
    await handle.close();
    handle = undefined;
    expect(await findRunningEmbedded(dataDir)).toBeUndefined();

    // A crashed owner leaves its socket file and descriptor behind.
    writeFileSync(path.join(dataDir, 'socket', SOCKET_FILE), '');
    writeFileSync(descriptorFile, real.replace(String(process.pid), '999999999'));
    handle = await openEmbedded(dataDir);
    expect(await selectOne(handle.url)).toBe(1);
  });

  it('puts the socket of a data directory with a very long path in a private temporary directory', async () => {
    const dataDir = path.join(parent, 'd'.repeat(100));
    handle = await openEmbedded(dataDir);
    const { socketDir } = JSON.parse(readFileSync(path.join(dataDir, DESCRIPTOR), 'utf8')) as { socketDir: string };
    expect(socketDir.startsWith(os.tmpdir())).toBe(true);
    expect(mode(socketDir)).toBe(0o700);
    expect(mode(path.join(socketDir, SOCKET_FILE))).toBe(0o600);
    expect(await selectOne(handle.url)).toBe(1);
    await handle.close();
    handle = undefined;
    expect(() => statSync(socketDir)).toThrow();
  });

  it('serves the in-memory test database the same way', async () => {
    const before = ownTcpListeners();
    handle = await openEphemeralEmbedded();
    expect(ownTcpListeners()).toEqual(before);
    const socketDir = new URL(handle.url).searchParams.get('host')!;
    expect(mode(socketDir)).toBe(0o700);
    expect(mode(path.join(socketDir, SOCKET_FILE))).toBe(0o600);
    expect(await selectOne(handle.url)).toBe(1);
  });
});
