/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) with its files under
 * CARDSTOCK_DATA_DIR, served over the PostgreSQL wire protocol on 127.0.0.1 so that the app,
 * the migration runner and the scripts all talk to it with `pg` exactly as to a real server.
 *
 * Only one process may open the data directory. That process writes `embedded-server.json`
 * (pid + port); other processes (e.g. `npm run db:migrate` while the app runs) connect to it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedHandle {
  url: string;
  /** True when this process opened the data directory and serves it. */
  isOwner: boolean;
  close(): Promise<void>;
}

interface Descriptor {
  pid: number;
  port: number;
}

/** The pg pool of a client must not exceed this; PGlite serialises transactions anyway. */
export const EMBEDDED_MAX_CONNECTIONS = 32;

const DESCRIPTOR = 'embedded-server.json';

function embeddedUrl(port: number): string {
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The running embedded server for this data directory, if another live process serves it. */
export async function findRunningEmbedded(dataDir: string): Promise<string | undefined> {
  const file = path.join(dataDir, DESCRIPTOR);
  if (!existsSync(file)) return undefined;
  try {
    const descriptor = JSON.parse(readFileSync(file, 'utf8')) as Descriptor;
    if (descriptor.pid !== process.pid && isProcessAlive(descriptor.pid) && (await canConnect(descriptor.port))) {
      return embeddedUrl(descriptor.port);
    }
  } catch {
    // A torn or stale descriptor: treat as "not running"; the owner rewrites it at start.
  }
  return undefined;
}

/**
 * Connects to the embedded database in `dataDir`: joins the process that already serves it, or
 * opens it and serves it from this process until `close()`.
 */
export async function openEmbedded(dataDir: string, options: { port?: number } = {}): Promise<EmbeddedHandle> {
  const running = await findRunningEmbedded(dataDir);
  if (running) return { url: running, isOwner: false, close: async () => {} };

  mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ dataDir: path.join(dataDir, 'pgdata') });
  const server = new PGLiteSocketServer({
    db: pg,
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  const descriptorFile = path.join(dataDir, DESCRIPTOR);
  writeFileSync(descriptorFile, JSON.stringify({ pid: process.pid, port } satisfies Descriptor));

  let closed = false;
  return {
    url: embeddedUrl(port),
    isOwner: true,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await pg.close();
      rmSync(descriptorFile, { force: true });
    },
  };
}

/** An in-memory embedded database on a free port, for tests and scratch work. */
export async function openEphemeralEmbedded(): Promise<EmbeddedHandle> {
  const pg = await PGlite.create();
  const server = new PGLiteSocketServer({ db: pg, host: '127.0.0.1', port: 0, maxConnections: EMBEDDED_MAX_CONNECTIONS });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  return {
    url: embeddedUrl(port),
    isOwner: true,
    async close() {
      await server.stop();
      await pg.close();
    },
  };
}
