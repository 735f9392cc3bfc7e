/**
 * Where the embedded database's server can be reached: a Unix socket in a directory only the
 * owner of the data directory may enter (no TCP port, so no other local user or process of
 * another user can connect). Kept apart from embedded.ts so that the app's Prisma client can
 * find the server without loading PGlite.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Written by the process that serves the data directory: `{ pid, socketDir }`. */
export const DESCRIPTOR = 'embedded-server.json';

export interface Descriptor {
  pid: number;
  /** The directory holding the socket `.s.PGSQL.5432` (PostgreSQL's own naming, which pg expects). */
  socketDir: string;
}

export const SOCKET_FILE = '.s.PGSQL.5432';

/** A pg connection string for the socket in `socketDir` (pg connects to `<host>/.s.PGSQL.<port>`). */
export function embeddedUrl(socketDir: string): string {
  return `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
}

/** The descriptor of the data directory, or undefined when there is none (or it is unreadable). */
export function readDescriptor(dataDir: string): Descriptor | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path.join(dataDir, DESCRIPTOR), 'utf8')) as Partial<Descriptor>;
    return typeof parsed.pid === 'number' && typeof parsed.socketDir === 'string' ? (parsed as Descriptor) : undefined;
  } catch {
    return undefined;
  }
}
