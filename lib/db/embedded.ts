/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with its files under
 * CARDSTOCK_DATA_DIR, served over the PostgreSQL wire protocol so that the app, the migration
 * runner and the scripts all talk to it with `pg` exactly as to a real server.
 *
 * PGlite's server has no authentication (every client is superuser `postgres`), so it listens on
 * no TCP port at all: only on a Unix socket in `<data dir>/socket/`, a directory of mode 0700 in
 * a data directory of mode 0700, the socket itself 0600. Only the user who runs Cardstock can
 * connect (or read the database files). A data directory whose path is too long for a socket
 * address gets its socket directory from mkdtemp (also 0700) instead.
 *
 * Only one process may open the data directory. That process writes `embedded-server.json`
 * (pid + socket directory); other processes (e.g. `npm run db:migrate` while the app runs)
 * connect to it.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DESCRIPTOR, embeddedUrl, readDescriptor, SOCKET_FILE, type Descriptor } from './embedded-address';

export interface EmbeddedHandle {
  url: string;
  /** True when this process opened the data directory and serves it. */
  isOwner: boolean;
  close(): Promise<void>;
}

/** The pg pool of a client must not exceed this; PGlite serialises transactions anyway. */
export const EMBEDDED_MAX_CONNECTIONS = 32;

/** Unix socket addresses are short (108 bytes on Linux, 104 on macOS, including the file name). */
const MAX_SOCKET_PATH = 100;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ path: socketPath });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Creates `dir` if needed and makes it owner-only (0700), refusing to go on if it cannot be. */
function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) === 0) return;
  try {
    chmodSync(dir, 0o700);
  } catch (error) {
    throw new Error(
      `${dir} is open to other users and cannot be made private (${(error as NodeJS.ErrnoException).code}); ` +
        'the embedded database must live in a directory owned by the user who runs Cardstock.',
    );
  }
}

/** The running embedded server for this data directory, if another live process serves it. */
export async function findRunningEmbedded(dataDir: string): Promise<string | undefined> {
  const descriptor = readDescriptor(dataDir);
  if (!descriptor || descriptor.pid === process.pid || !isProcessAlive(descriptor.pid)) return undefined;
  return (await canConnect(path.join(descriptor.socketDir, SOCKET_FILE))) ? embeddedUrl(descriptor.socketDir) : undefined;
}

/** Serves `pg` on a 0600 socket in `socketDir` (a 0700 directory). */
async function serve(pg: PGlite, socketDir: string): Promise<PGLiteSocketServer> {
  const socketPath = path.join(socketDir, SOCKET_FILE);
  if (existsSync(socketPath)) {
    // Left behind by a process that died; but never take over one that still answers.
    if (await canConnect(socketPath)) throw new Error(`Another process already serves the embedded database at ${socketPath}.`);
    unlinkSync(socketPath);
  }
  const server = new PGLiteSocketServer({ db: pg, path: socketPath, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  // The directory already keeps everyone else out; the socket's own mode says the same.
  chmodSync(socketPath, 0o600);
  return server;
}

/**
 * Connects to the embedded database in `dataDir`: joins the process that already serves it, or
 * opens it and serves it from this process until `close()`.
 */
export async function openEmbedded(dataDir: string): Promise<EmbeddedHandle> {
  const running = await findRunningEmbedded(dataDir);
  if (running) return { url: running, isOwner: false, close: async () => {} };

  dataDir = path.resolve(dataDir);
  ensurePrivateDir(dataDir);
  let socketDir = path.join(dataDir, 'socket');
  const temporarySocketDir = path.join(socketDir, SOCKET_FILE).length > MAX_SOCKET_PATH;
  if (temporarySocketDir) socketDir = mkdtempSync(path.join(os.tmpdir(), 'cardstock-db-'));
  else ensurePrivateDir(socketDir);

  const pg = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata') });
  let server: PGLiteSocketServer;
  try {
    server = await serve(pg, socketDir);
  } catch (error) {
    await pg.close();
    throw error;
  }
  const descriptorFile = path.join(dataDir, DESCRIPTOR);
  writeFileSync(descriptorFile, JSON.stringify({ pid: process.pid, socketDir } satisfies Descriptor), { mode: 0o600 });

  let closed = false;
  return {
    url: embeddedUrl(socketDir),
    isOwner: true,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await pg.close();
      rmSync(descriptorFile, { force: true });
      if (temporarySocketDir) rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** An in-memory embedded database on a socket in a fresh private temporary directory, for tests and scratch work. */
export async function openEphemeralEmbedded(): Promise<EmbeddedHandle> {
  const socketDir = mkdtempSync(path.join(os.tmpdir(), 'cardstock-db-'));
  const pg = await PGlite.create();
  const server = await serve(pg, socketDir);
  return {
    url: embeddedUrl(socketDir),
    isOwner: true,
    async close() {
      await server.stop();
      await pg.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
